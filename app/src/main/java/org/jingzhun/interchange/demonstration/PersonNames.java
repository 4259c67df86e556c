package org.jingzhun.interchange.demonstration;

import java.util.SplittableRandom;

/**
 * Chinese names drawn as they occur: the hundred commonest surnames with their real shares, given names of one
 * or two characters from short lists for men and women (commonest first), so names repeat as real ones do.
 */
final class PersonNames {

    /** The hundred commonest surnames with their share of the population in per cent (2020 figures, rounded). */
    private static final String SURNAMES = """
            王7.12 李7.00 张6.74 刘5.10 陈4.61 杨3.22 黄2.45 赵2.19 吴2.00 周1.95 徐1.45 孙1.38 马1.29 朱1.28 胡1.16
            郭1.13 何1.06 林1.02 高1.00 罗0.95 郑0.81 梁0.79 谢0.72 宋0.67 唐0.66 许0.63 韩0.61 邓0.61 冯0.60 曹0.58
            彭0.58 曾0.56 肖0.55 田0.54 董0.53 潘0.52 袁0.51 蔡0.50 蒋0.49 余0.48 于0.48 杜0.47 叶0.46 程0.45 魏0.43
            苏0.42 吕0.41 丁0.40 任0.39 卢0.38 姚0.37 沈0.36 钟0.35 姜0.34 崔0.33 谭0.33 陆0.32 范0.31 汪0.30 廖0.30
            石0.30 金0.29 韦0.29 贾0.28 夏0.27 付0.27 方0.26 邹0.26 熊0.25 白0.25 孟0.24 秦0.24 邱0.24 侯0.23 江0.23
            尹0.22 薛0.22 闫0.21 段0.21 雷0.21 龙0.20 黎0.20 史0.20 陶0.19 贺0.19 毛0.18 郝0.18 顾0.17 龚0.17 邵0.16
            万0.16 覃0.16 武0.15 钱0.15 戴0.15 严0.14 莫0.14 孔0.14 向0.14 常0.13""";
    private static final String MALE_CHARACTERS = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳建国文志海东峰亮成";
    private static final String FEMALE_CHARACTERS = "芳娜敏静丽艳娟霞秀英燕玲桂兰红梅琳丹萍婷雪慧莉倩洁颖琴云凤玉珍蓉晶妍佳欣怡月春萱";

    private static final String[] SURNAME_LIST;
    private static final double[] SURNAME_SUMS;
    private static final String[] MALE = MALE_CHARACTERS.split("");
    private static final String[] FEMALE = FEMALE_CHARACTERS.split("");
    /** Character weights 1/(rank + 6): a few characters are common, most are not. */
    private static final double[] CHARACTER_SUMS;

    static {
        String[] entries = SURNAMES.strip().split("\\s+");
        SURNAME_LIST = new String[entries.length];
        double[] weights = new double[entries.length];
        for (int i = 0; i < entries.length; i++) {
            SURNAME_LIST[i] = entries[i].substring(0, 1);
            weights[i] = Double.parseDouble(entries[i].substring(1));
        }
        SURNAME_SUMS = Draws.cumulative(weights);
        if (MALE.length != FEMALE.length) {
            throw new IllegalStateException("The given-name lists must be as long as each other");
        }
        double[] characterWeights = new double[MALE.length];
        for (int i = 0; i < characterWeights.length; i++) {
            characterWeights[i] = 1.0 / (i + 6);
        }
        CHARACTER_SUMS = Draws.cumulative(characterWeights);
    }

    private PersonNames() {
    }

    static String surname(SplittableRandom random) {
        return SURNAME_LIST[Draws.pick(SURNAME_SUMS, random)];
    }

    /** One character four times in five, two characters otherwise. */
    static String givenName(SplittableRandom random, boolean male) {
        String[] characters = male ? MALE : FEMALE;
        String first = characters[Draws.pick(CHARACTER_SUMS, random)];
        return random.nextDouble() < 0.2 ? first : first + characters[Draws.pick(CHARACTER_SUMS, random)];
    }
}
