package org.jingzhun.area.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.jingzhun.audit.AuditTrail;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The county lists shipped in {@code data/counties}, given to the county attributes once: the 832 poor counties
 * (mapped to today's codes) become "poor" at first start, so that a new installation has its poor counties
 * without anyone typing 832 codes. A list is never loaded twice ({@code county_list_load}), so a county an
 * administrator later changes on its page keeps what they set.
 */
@Component
class ShippedCountyLists {

    static final String POOR_COUNTIES = "poor-counties";
    /** More lines than any list of counties (China has under 3,000): a bigger file is not such a list. */
    static final int MAX_LINES = 5_000;

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    ShippedCountyLists(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /**
     * Marks as poor each active county whose code the CSV at {@code location} lists first on a line (a header line
     * aside), unless the list was loaded before. The number of counties so listed, or empty when loaded before.
     */
    @Transactional
    public OptionalInt loadPoorCounties(String location) {
        Resource resource = new DefaultResourceLoader().getResource(location);
        List<String> codes = codes(resource);
        // The marker first: of two instances starting together, one loads and the other finds it loaded.
        int marked = jdbc.sql("""
                insert into county_list_load (name, source, counties)
                select :name, :source, count(*) from area where code = any(:codes) and level = 3 and retired_at is null
                on conflict do nothing""")
                .param("name", POOR_COUNTIES).param("source", location).param("codes", codes.toArray(String[]::new)).update();
        if (marked == 0) {
            return OptionalInt.empty();
        }
        int listed = jdbc.sql("select counties from county_list_load where name = :name").param("name", POOR_COUNTIES)
                .query(Integer.class).single();
        int changed = jdbc.sql("""
                insert into county_attribute (county_code, poor)
                select code, true from area where code = any(:codes) and level = 3 and retired_at is null
                on conflict (county_code) do update set poor = true, updated_at = now() where not county_attribute.poor""")
                .param("codes", codes.toArray(String[]::new)).update();
        audit.record("county-list", POOR_COUNTIES, "load", null,
                Map.of("source", location, "listed", codes.size(), "counties", listed, "changed", changed),
                "the shipped list of poor counties, at first start", "");
        return OptionalInt.of(listed);
    }

    /** The county codes of the list: the first column of each line after the header. */
    private static List<String> codes(Resource resource) {
        List<String> codes = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
            reader.readLine(); // the header
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (codes.size() >= MAX_LINES) {
                    throw new IllegalStateException(resource + " has more than " + MAX_LINES + " lines: not a list of counties");
                }
                String code = line.split(",", 2)[0].strip();
                if (code.matches("\\d{6}")) {
                    codes.add(code);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the county list " + resource, e);
        }
        return codes;
    }
}
