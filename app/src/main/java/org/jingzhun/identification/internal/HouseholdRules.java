package org.jingzhun.identification.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jingzhun.identification.IncomeTest;
import org.jingzhun.identification.Stage;
import org.jingzhun.identification.Step;
import org.jingzhun.platform.DomainException.FieldProblem;
import org.jingzhun.poverty.PovertyLine;
import org.jingzhun.poverty.PovertyLines;
import org.jingzhun.procedure.Definition;
import org.jingzhun.procedure.Problems;
import org.jingzhun.procedure.Procedures;
import org.jingzhun.procedure.Rules;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.Households;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Household identification's own rules, called by the procedure engine at their steps (see {@link HouseholdDefinition}):
 * the democratic appraisal's record and votes; at county approval the income test (below the line, or a recorded
 * exception) and the round's quota; and the registry's status following the case: registered when announced, back
 * to not poor when rejected.
 */
@Component
class HouseholdRules implements Rules {

    private final JdbcClient jdbc;
    private final PovertyLines lines;
    private final Households households;
    private final Clock clock;

    HouseholdRules(JdbcClient jdbc, PovertyLines lines, Households households, Clock clock) {
        this.jdbc = jdbc;
        this.lines = lines;
        this.households = households;
        this.clock = clock;
    }

    @Override
    public void validate(Definition.Step step, Procedures.Move move, List<FieldProblem> problems) {
        StepForms.checkException(move, problems);
        if (!step.name().equals(Step.APPRAISE.name())) {
            return;
        }
        // The meeting of villagers' representatives: its day is the step's, how many took part, and the votes.
        Map<String, Object> details = move.details();
        Object day = details.get("meetingDate");
        LocalDate meeting = day == null || "null".equals(day) ? null : LocalDate.parse(day.toString());
        if (meeting == null) {
            problems.add(new FieldProblem("appraisal.meetingDate", "required", "identification.appraisal.date"));
        } else if (meeting.isAfter(LocalDate.now(clock))) {
            problems.add(new FieldProblem("appraisal.meetingDate", "future", "identification.appraisal.future"));
        } else if (move.date() != null && !move.date().equals(meeting)) {
            problems.add(new FieldProblem("date", "meeting", "identification.appraisal.date-differs",
                    move.date().toString(), meeting.toString()));
        }
        Integer participants = (Integer) details.get("participants");
        Integer votesFor = (Integer) details.get("votesFor");
        Integer votesAgainst = (Integer) details.get("votesAgainst");
        if (participants == null || participants < 1) {
            problems.add(new FieldProblem("appraisal.participants", "required", "identification.appraisal.participants"));
        } else if (votesFor != null || votesAgainst != null) {
            int yes = votesFor == null ? 0 : votesFor;
            int no = votesAgainst == null ? 0 : votesAgainst;
            if (yes < 0 || no < 0 || yes + no > participants) {
                problems.add(new FieldProblem("appraisal.votesFor", "votes", "identification.appraisal.votes", participants));
            } else if (move.approved() != null && move.approved() != (yes > no)) {
                problems.add(new FieldProblem("approved", "votes", "identification.appraisal.outcome", yes, no));
            }
        }
    }

    @Override
    public void check(Definition.Step step, Procedures.Move move, List<Procedures.Case> cases, Problems problems) {
        if (!step.name().equals(Step.COUNTY_APPROVAL.name()) || move.rejects()) {
            return;
        }
        boolean exception = StepForms.exception(move) != null;
        List<Candidate> candidates = candidates(move.ids());
        for (Candidate candidate : candidates) {
            IncomeTest test = candidate.test();
            if (test.result() == IncomeTest.Result.INELIGIBLE && !exception) {
                problems.of(candidate.id(), "income", "identification.income.ineligible", test.income(), test.line(), test.year());
            } else if (test.result() == IncomeTest.Result.UNKNOWN && !exception) {
                problems.of(candidate.id(), "income", "identification.income.unknown", test.year());
            }
        }
        checkQuota(candidates, problems);
    }

    @Override
    public Map<Long, MessageSourceResolvable> names(Collection<Long> subjectIds) {
        return SubjectNames.ofApplications(jdbc, subjectIds);
    }

    /** Approving the batch must keep each round within its quota, unless a higher level allowed more. */
    private void checkQuota(List<Candidate> candidates, Problems problems) {
        Map<Long, int[]> batch = new TreeMap<>();
        for (Candidate candidate : candidates) {
            int[] sum = batch.computeIfAbsent(candidate.roundId(), id -> new int[2]);
            sum[0]++;
            sum[1] += candidate.members();
        }
        // The rounds are locked (in id order) before their approvals are counted: two reviewers approving different
        // lists of one round at once would otherwise both count without the other's and exceed the quota together.
        // The second waits here until the first commits, and its count (a new statement) then sees the first's.
        jdbc.sql("select id from identification_round where id = any(:rounds) order by id for update")
                .param("rounds", batch.keySet().toArray(Long[]::new)).query(Long.class).list();
        jdbc.sql("""
                select r.id, r.year, r.county_code, r.quota_households, r.quota_people, r.override_reason is not null as overridden,
                       count(a.id) as households,
                       coalesce(sum((select count(*) from registry_member m where m.household_id = a.household_id)), 0) as people
                  from identification_round r
                  left join household_application_case a on a.round_id = r.id and a.stage in ('COUNTY_APPROVED', 'ANNOUNCED')
                 where r.id = any(:rounds)
                 group by r.id, r.county_code order by r.id""")
                .param("rounds", batch.keySet().toArray(Long[]::new))
                .query(rs -> {
                    if (rs.getBoolean("overridden")) {
                        return;
                    }
                    int[] adding = batch.get(rs.getLong("id"));
                    Integer quotaHouseholds = (Integer) rs.getObject("quota_households");
                    Integer quotaPeople = (Integer) rs.getObject("quota_people");
                    if (quotaHouseholds != null && rs.getInt("households") + adding[0] > quotaHouseholds) {
                        problems.add("quota", "quota", "identification.round.quota-households", rs.getString("county_code"),
                                rs.getInt("year"), quotaHouseholds, rs.getInt("households"), adding[0]);
                    }
                    if (quotaPeople != null && rs.getInt("people") + adding[1] > quotaPeople) {
                        problems.add("quota", "quota", "identification.round.quota-people", rs.getString("county_code"),
                                rs.getInt("year"), quotaPeople, rs.getInt("people"), adding[1]);
                    }
                });
    }

    @Override
    public void reached(String stage, List<Long> ids, Procedures.Move move, LocalDate day) {
        // The registry's change happens on the step's day and counts in the round's year, whenever it is entered.
        switch (Stage.valueOf(stage)) {
            case ANNOUNCED -> households(ids).forEach((year, householdIds) -> households.changeStatuses(householdIds,
                    Household.Status.CANDIDATE, Household.Status.REGISTERED, year, day,
                    "identification " + year + ": announced"));
            case REJECTED -> households(ids).forEach((year, householdIds) -> households.changeStatuses(householdIds,
                    Household.Status.CANDIDATE, Household.Status.NON_POOR, year, day,
                    "identification " + year + ": not identified (" + move.note() + ")"));
            case COUNTY_APPROVED -> {
                String exception = StepForms.exception(move);
                if (exception != null) {
                    Long[] excepted = candidates(ids).stream().filter(c -> c.test().result() != IncomeTest.Result.ELIGIBLE)
                            .map(Candidate::id).toArray(Long[]::new);
                    jdbc.sql("update household_application set exception_reason = :exception where id = any(:ids)")
                            .param("exception", exception).param("ids", excepted).update();
                }
            }
            default -> {
            }
        }
    }

    /** The households of the applications, by the year of their round. */
    private Map<Integer, List<Long>> households(List<Long> ids) {
        Map<Integer, List<Long>> byYear = new TreeMap<>();
        jdbc.sql("select r.year, a.household_id from household_application a join identification_round r on r.id = a.round_id"
                        + " where a.id = any(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query(rs -> {
                    byYear.computeIfAbsent(rs.getInt(1), year -> new ArrayList<>()).add(rs.getLong(2));
                });
        return byYear;
    }

    /** An application as county approval weighs it: its round, its size and its income test. */
    private record Candidate(long id, long roundId, int members, IncomeTest test) {
    }

    private List<Candidate> candidates(List<Long> ids) {
        IncomeTests tests = new IncomeTests(lines);
        return jdbc.sql("""
                select a.id, a.round_id, r.year, r.county_code, i.amount,
                       (select count(*) from registry_member m where m.household_id = a.household_id) as members
                  from household_application a
                  join identification_round r on r.id = a.round_id
                  left join registry_income i on i.household_id = a.household_id and i.year = r.year
                 where a.id = any(:ids) order by a.id""")
                .param("ids", ids.toArray(Long[]::new))
                .query((rs, i) -> new Candidate(rs.getLong("id"), rs.getLong("round_id"), rs.getInt("members"),
                        tests.of(rs.getString("county_code"), rs.getInt("year"), rs.getBigDecimal("amount"))))
                .list();
    }

    /** Income tests of many households, each province's line of a year read once. */
    static final class IncomeTests {

        private final PovertyLines lines;
        private final Map<String, PovertyLine> known = new HashMap<>();

        IncomeTests(PovertyLines lines) {
            this.lines = lines;
        }

        /** The test of a household of the area (a county or village code) with this income of the year (null: unknown). */
        IncomeTest of(String areaCode, int year, BigDecimal income) {
            String province = areaCode.substring(0, 2);
            PovertyLine line = known.computeIfAbsent(province + year, key -> lines.lineFor(province, year));
            return IncomeTest.of(year, income, line.amount(), !line.national());
        }
    }

    /** The details an application's first step keeps. */
    static Map<String, Object> applicationDetails(String proposedBy) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("proposedBy", proposedBy);
        return details;
    }
}
