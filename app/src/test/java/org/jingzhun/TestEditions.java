package org.jingzhun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Small editions of the division files, written as plain CSV into a fresh directory. */
public final class TestEditions {

    private TestEditions() {
    }

    /** A valid edition of two villages of Kunming, with one file changed by {@code change}. */
    public static Path tiny(String changedFile, UnaryOperator<String> change) throws IOException {
        Map<String, String> files = Map.of(
                "provinces.csv", "code,name\n53,\"云南省\"\n",
                "cities.csv", "code,name,provinceCode\n5301,\"昆明市\",53\n",
                "areas.csv", "code,name,cityCode,provinceCode\n530102,\"五华区\",5301,53\n",
                "streets.csv", "code,name,areaCode,provinceCode,cityCode\n530102001,\"华山街道\",530102,53,5301\n",
                "villages.csv", "code,name,streetCode,provinceCode,cityCode,areaCode\n"
                        + "530102001001,\"翠湖西路社区居民委员会\",530102001,53,5301,530102\n"
                        + "530102001002,\"水晶宫社区居民委员会\",530102001,53,5301,530102\n");
        Path dir = TestDataDirectory.fresh("edition");
        for (Map.Entry<String, String> file : files.entrySet()) {
            String text = file.getKey().equals(changedFile) ? change.apply(file.getValue()) : file.getValue();
            Files.writeString(dir.resolve(file.getKey()), text);
        }
        return dir;
    }
}
