package org.jingzhun.identification;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A county's identification round of a year: the poverty line in force there, the publicity period, the quota
 * given from above (null: none) with the override a higher level may grant, and how many households stand at
 * each stage. {@code approvedHouseholds} and {@code approvedPeople} count what the quota limits: approved and announced.
 */
public record Round(long id, String countyCode, String countyName, int year, BigDecimal povertyLine,
                    boolean provincialLine, int publicityDays, Integer quotaHouseholds, Integer quotaPeople,
                    String quotaSetBy, String overrideReason, String overrideBy, OffsetDateTime overrideAt,
                    String createdBy, OffsetDateTime createdAt, Map<Stage, Integer> households,
                    int approvedHouseholds, int approvedPeople) {

    /** The households at a stage. */
    public int at(Stage stage) {
        return households.getOrDefault(stage, 0);
    }

    /** The households whose procedure has not ended. */
    public int inProcedure() {
        return households.entrySet().stream().filter(e -> !e.getKey().ended()).mapToInt(Map.Entry::getValue).sum();
    }

    /** The households announced, now registered. */
    public int announced() {
        return at(Stage.ANNOUNCED);
    }

    /** What a round is opened with; the quota may be left out, and only a level above the county may set it. */
    public record Form(String countyCode, Integer year, Integer publicityDays, Integer quotaHouseholds, Integer quotaPeople) {
    }
}
