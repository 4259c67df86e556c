package org.jingzhun.identification;

import java.time.LocalDate;

/**
 * A village's procedure of a year: its stage and the day it was reached (the announcement's once announced), the
 * publicity, the exception for a village that was no candidate, its assessment.
 */
public record VillageCase(long id, String villageCode, String villageName, int year, Stage stage, LocalDate stageSince,
                          LocalDate publicityStart,
                          LocalDate publicityEnd, String exceptionReason, VillageAssessment assessment,
                          int openObjections, int version) {
}
