package org.jingzhun.identification.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jingzhun.area.Area;
import org.jingzhun.area.Areas;
import org.jingzhun.identification.Stage;
import org.jingzhun.identification.VillageAssessment;
import org.jingzhun.identification.VillageCase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads village cases and assessments as the lists show them, for the staff's pages and the public's. */
@Component
class VillageCaseRows {

    private final JdbcClient jdbc;
    private final Areas areas;

    VillageCaseRows(JdbcClient jdbc, Areas areas) {
        this.jdbc = jdbc;
        this.areas = areas;
    }

    /** Village cases with their assessment and open objections, by village. */
    List<VillageCase> cases(String where, Map<String, Object> params, Map<String, Object> scope) {
        List<VillageCase> rows = jdbc.sql("""
                select c.id, c.village_code, c.year, c.stage, c.stage_since, c.publicity_start, c.publicity_end,
                       c.exception_reason, c.version,
                       (select count(*) from objection o where o.procedure = 'VILLAGE' and o.subject_id = c.id
                           and o.state = 'OPEN') as open_objections, v.*
                  from village_identification_case c
                  left join village_assessment v on v.village_code = c.village_code and v.year = c.year
                """ + " where " + where + " order by c.village_code limit 2000")
                .params(params).params(scope)
                .query((rs, i) -> new VillageCase(rs.getLong("id"), rs.getString(2), null, rs.getInt(3),
                        Stage.valueOf(rs.getString("stage")), rs.getObject("stage_since", LocalDate.class),
                        rs.getObject("publicity_start", LocalDate.class),
                        rs.getObject("publicity_end", LocalDate.class), rs.getString("exception_reason"),
                        rs.getString("residents_source") == null ? null : assessment(rs), rs.getInt("open_objections"),
                        rs.getInt("version")))
                .list();
        Map<String, Area> names = areas.findAll(rows.stream().map(VillageCase::villageCode).toList());
        return rows.stream().map(c -> new VillageCase(c.id(), c.villageCode(),
                names.containsKey(c.villageCode()) ? names.get(c.villageCode()).fullName() : c.villageCode(), c.year(),
                c.stage(), c.stageSince(), c.publicityStart(), c.publicityEnd(), c.exceptionReason(), c.assessment(),
                c.openObjections(),
                c.version())).toList();
    }

    static VillageAssessment assessment(ResultSet rs) throws SQLException {
        return new VillageAssessment(rs.getString("village_code"), null, rs.getInt("year"),
                (Integer) rs.getObject("rural_residents"), VillageAssessment.Source.valueOf(rs.getString("residents_source")),
                rs.getInt("poor_people"), rs.getBigDecimal("poverty_rate"), rs.getBigDecimal("per_capita_income"),
                VillageAssessment.Source.valueOf(rs.getString("income_source")), rs.getBigDecimal("collective_income"),
                (Boolean) rs.getObject("test_high"), (Boolean) rs.getObject("test_low"), (Boolean) rs.getObject("test_none"),
                rs.getBoolean("candidate"));
    }

}
