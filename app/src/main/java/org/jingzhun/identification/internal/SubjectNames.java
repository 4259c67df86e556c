package org.jingzhun.identification.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The words that name a subject in a refusal, as the pages show it (issue 12, item 5): a household by its head's
 * name, masked ID number and village; a village by its name and code. Internal ids appear on no page. Only for
 * subjects the caller reaches: the others keep the id the caller gave.
 */
final class SubjectNames {

    private static final String HOUSEHOLD = """
            select %s as key, m.name, left(m.id_number, 6) || '********' || right(m.id_number, 4) as id_number,
                   coalesce(a.name, h.village_code) as village
              from %s
              left join registry_member m on m.household_id = h.id and m.relation = 'HEAD'
              left join area a on a.code = h.village_code
             where %s = any(:ids)""";

    private SubjectNames() {
    }

    /** Households by their id. */
    static Map<Long, MessageSourceResolvable> ofHouseholds(JdbcClient jdbc, Collection<Long> ids) {
        return households(jdbc, HOUSEHOLD.formatted("h.id", "household h", "h.id"), ids);
    }

    /** Household applications by their id, named by their household. */
    static Map<Long, MessageSourceResolvable> ofApplications(JdbcClient jdbc, Collection<Long> ids) {
        return households(jdbc, HOUSEHOLD.formatted("s.id", "household_application s join registry_household h on h.id = s.household_id",
                "s.id"), ids);
    }

    /** Village cases by their id, named by their village. */
    static Map<Long, MessageSourceResolvable> ofVillageCases(JdbcClient jdbc, Collection<Long> ids) {
        Map<Long, MessageSourceResolvable> names = new HashMap<>();
        jdbc.sql("select s.id, coalesce(a.name, s.village_code), s.village_code from village_identification s"
                        + " left join area a on a.code = s.village_code where s.id = any(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query(rs -> {
                    names.put(rs.getLong(1), named("identification.subject.village", rs.getString(2), rs.getString(3)));
                });
        return names;
    }

    private static Map<Long, MessageSourceResolvable> households(JdbcClient jdbc, String sql, Collection<Long> ids) {
        Map<Long, MessageSourceResolvable> names = new HashMap<>();
        jdbc.sql(sql).param("ids", ids.toArray(Long[]::new))
                .query(rs -> {
                    if (rs.getString("name") != null) { // a household without a head keeps its id
                        names.put(rs.getLong("key"), named("identification.subject.household", rs.getString("name"),
                                rs.getString("id_number"), rs.getString("village")));
                    }
                });
        return names;
    }

    private static MessageSourceResolvable named(String key, Object... args) {
        return new DefaultMessageSourceResolvable(new String[] {key}, args);
    }
}
