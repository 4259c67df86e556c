package org.jingzhun.identification;

import java.time.LocalDate;

import org.jingzhun.registry.Household;

/**
 * A household's application in a round: the household as the lists show it (head's ID number as the registry
 * discloses it to the reader), its stage and the day it was reached (the announcement's day once announced), the
 * publicity in course or last held, the income test, the exception recorded for approving an
 * ineligible household, and the objections still open. {@code version} changes with every step.
 */
public record Application(long id, long roundId, int year, long householdId, String villageCode, String villageName,
                          String headName, String headIdNumber, int members, Household.Category category,
                          String mainCause, Stage stage, LocalDate stageSince,
                          Proposer proposedBy, LocalDate publicityStart, LocalDate publicityEnd,
                          String exceptionReason, IncomeTest incomeTest, int openObjections, int version) {

    /** Who started the procedure: the household applied, or the village proposed it. */
    public enum Proposer { HOUSEHOLD, VILLAGE }
}
