package org.jingzhun.registry;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One row of a household's status history: the day it happened, the year it counts in (identification: its
 * round's year; anything else: the year of its day), from (null when the household was recorded with that status)
 * and to which status, why, and who entered it when.
 */
public record StatusChange(LocalDate day, int year, Household.Status from, Household.Status to, String reason,
                           String recordedBy, OffsetDateTime recordedAt) {
}
