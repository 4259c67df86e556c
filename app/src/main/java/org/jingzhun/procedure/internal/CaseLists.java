package org.jingzhun.procedure.internal;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.jingzhun.procedure.Definition;
import org.jingzhun.procedure.Procedures.Filter;

/**
 * The condition of each list of cases, in one place: the list pages read it, the inbox counts it (no further than
 * its cap), so that an entry's count is what its link shows.
 */
final class CaseLists {

    /** A publicity is "ending" on its last days: these many, today included. */
    static final int ENDING_DAYS = 3;

    private CaseLists() {
    }

    /** The condition on {@code c} (procedure_case) with its parameters, besides the procedure and the caller's scope. */
    record Where(String sql, Map<String, Object> parameters) {
    }

    static Where of(Definition definition, String stage, Filter filter, LocalDate today) {
        StringBuilder sql = new StringBuilder("c.procedure = :procedure");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("procedure", definition.name());
        if (stage != null) {
            sql.append(" and c.stage = :stage");
            parameters.put("stage", stage);
        }
        String open = "exists (select 1 from objection o where o.procedure = c.procedure and o.subject_id = c.subject_id"
                + " and o.state = 'OPEN')";
        switch (filter) {
            case READY -> {
                sql.append(" and not c.ended and not ").append(open);
                boolean afterPublicity = stage != null && definition.next(stage)
                        .filter(step -> step.kind() == Definition.Kind.DECISION_AFTER_PUBLICITY).isPresent();
                if (afterPublicity) {
                    sql.append(" and (c.publicity_end is null or c.publicity_end < :today)");
                    parameters.put("today", today);
                }
            }
            case ENDING -> {
                String[] stages = definition.steps().stream().filter(s -> s.kind() == Definition.Kind.STARTS_PUBLICITY)
                        .map(Definition.Step::to).distinct().toArray(String[]::new);
                sql.append(" and c.stage = any(:publicities) and c.publicity_end between :today and :ending");
                parameters.put("publicities", stages);
                parameters.put("today", today);
                parameters.put("ending", today.plusDays(ENDING_DAYS - 1));
            }
            case OBJECTED -> sql.append(" and ").append(open);
            case ALL -> { }
        }
        return new Where(sql.toString(), parameters);
    }
}
