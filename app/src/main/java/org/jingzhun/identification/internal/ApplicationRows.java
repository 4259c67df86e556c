package org.jingzhun.identification.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jingzhun.area.Area;
import org.jingzhun.area.Areas;
import org.jingzhun.identification.Application;
import org.jingzhun.identification.Stage;
import org.jingzhun.poverty.PovertyLines;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.HouseholdDisclosure;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads applications as the lists show them, for the staff's pages and the public's: the caller's checks are the reader's. */
@Component
class ApplicationRows {

    private final JdbcClient jdbc;
    private final Areas areas;
    private final PovertyLines lines;

    ApplicationRows(JdbcClient jdbc, Areas areas, PovertyLines lines) {
        this.jdbc = jdbc;
        this.areas = areas;
        this.lines = lines;
    }

    /**
     * Applications as listed, with their household, income test and open objections, in village and id order.
     * The condition is on the application {@code a} alone: the page is cut first, and only its lines are joined.
     * The head's ID number is as the registry discloses it to the list's reader (the public for the public lists).
     */
    List<Application> read(String where, Map<String, Object> params, Map<String, Object> scope, int limit, long offset,
                           HouseholdDisclosure disclosure) {
        HouseholdRules.IncomeTests tests = new HouseholdRules.IncomeTests(lines);
        List<Application> rows = jdbc.sql("""
                select a.*, r.year, head.name as head_name, head.id_number as head_id, h.category, h.main_cause, i.amount as income,
                       (select count(*) from registry_member m where m.household_id = a.household_id) as members,
                       (select count(*) from objection o where o.procedure = 'HOUSEHOLD' and o.subject_id = a.id
                           and o.state = 'OPEN') as open_objections
                  from (select * from household_application_case a""" + " where " + where + """
                         order by a.village_code, a.id limit :limit offset :offset) a
                  join identification_round r on r.id = a.round_id
                  join registry_household h on h.id = a.household_id
                  left join registry_member head on head.household_id = a.household_id and head.relation = 'HEAD'
                  left join registry_income i on i.household_id = a.household_id and i.year = r.year
                 order by a.village_code, a.id""")
                .params(params).params(scope).param("limit", limit).param("offset", offset)
                .query((rs, i) -> new Application(rs.getLong("id"), rs.getLong("round_id"), rs.getInt("year"),
                        rs.getLong("household_id"), rs.getString("village_code"), null, rs.getString("head_name"),
                        disclosure.idNumber(rs.getString("head_id"), rs.getString("village_code")),
                        rs.getInt("members"), Household.Category.valueOf(rs.getString("category")), rs.getString("main_cause"),
                        Stage.valueOf(rs.getString("stage")), rs.getObject("stage_since", LocalDate.class),
                        Application.Proposer.valueOf(rs.getString("proposed_by")),
                        rs.getObject("publicity_start", LocalDate.class), rs.getObject("publicity_end", LocalDate.class),
                        rs.getString("exception_reason"),
                        tests.of(rs.getString("village_code"), rs.getInt("year"), rs.getBigDecimal("income")),
                        rs.getInt("open_objections"), rs.getInt("version")))
                .list();
        Map<String, Area> villages = areas.findAll(rows.stream().map(Application::villageCode).distinct().toList());
        return rows.stream().map(a -> new Application(a.id(), a.roundId(), a.year(), a.householdId(), a.villageCode(),
                villages.containsKey(a.villageCode()) ? villages.get(a.villageCode()).fullName() : a.villageCode(),
                a.headName(), a.headIdNumber(), a.members(), a.category(), a.mainCause(), a.stage(), a.stageSince(),
                a.proposedBy(), a.publicityStart(),
                a.publicityEnd(), a.exceptionReason(), a.incomeTest(), a.openObjections(), a.version())).toList();
    }
}
