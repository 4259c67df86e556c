package org.jingzhun.identification;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** An assessment of a province's villages for a year: the averages used, how they were had, and the count of candidates. */
public record Assessment(String provinceCode, int year, ProvinceAverages.Method method, BigDecimal povertyRate,
                         BigDecimal perCapitaIncome, int villages, int candidates, String assessedBy,
                         OffsetDateTime assessedAt) {
}
