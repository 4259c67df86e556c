package org.jingzhun.identification.internal;

import java.util.List;

import org.jingzhun.identification.Procedure;
import org.jingzhun.identification.Stage;
import org.jingzhun.identification.StepRequest;
import org.springframework.stereotype.Component;

/**
 * The village procedure's part: cases in {@code village_identification}, publicity as long as the county's round
 * of the year sets (7 days without one). A village is a poor village of its year once announced; nothing else follows.
 */
@Component
class VillageSubjects implements Subjects {

    @Override
    public Procedure procedure() {
        return Procedure.VILLAGE;
    }

    @Override
    public String table() {
        return "village_identification";
    }

    @Override
    public String entity() {
        return "village-identification";
    }

    @Override
    public String publicityDays() {
        return "coalesce((select r.publicity_days from identification_round r"
                + " where r.county_code = left(s.village_code, 6) and r.year = s.year), 7)";
    }

    @Override
    public void check(Procedure.Rule rule, StepRequest request, List<Subject> subjects, Problems problems) {
        // The tests were weighed when the village applied; its steps need no more than the engine's checks.
    }

    @Override
    public void reached(Stage to, List<Long> ids, StepRequest request, java.time.LocalDate day) {
        // The announced village is a poor village by its stage: no other record to change.
    }
}
