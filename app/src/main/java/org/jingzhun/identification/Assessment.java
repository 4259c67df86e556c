package org.jingzhun.identification;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * An assessment of a province's villages for a year: the averages used, how they were had, and the count of
 * candidates. Computed averages say where they came from: the area whose villages they were computed over (the
 * province, or a prefecture or county of it) and how many of its villages, those with rural residents, counted.
 */
public record Assessment(String provinceCode, int year, ProvinceAverages.Method method, BigDecimal povertyRate,
                         BigDecimal perCapitaIncome, int villages, int candidates, String assessedBy,
                         OffsetDateTime assessedAt, String averagesArea, String averagesAreaName, Integer averagesVillages) {
}
