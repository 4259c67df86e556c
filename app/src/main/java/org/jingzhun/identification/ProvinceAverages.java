package org.jingzhun.identification;

import java.math.BigDecimal;

/**
 * The provincial averages the village tests compare with: the poverty rate (0 to 1) and the rural per capita
 * net income, entered by the province or computed from its villages at each assessment: from all of them, or,
 * as provinces do for a pilot area, from those of one prefecture or county of the province ({@code area}).
 */
public record ProvinceAverages(String provinceCode, Integer year, Method method, BigDecimal povertyRate,
                               BigDecimal perCapitaIncome, String area) {

    public enum Method { ENTERED, COMPUTED }

    /** Averages of the whole province. */
    public ProvinceAverages(String provinceCode, Integer year, Method method, BigDecimal povertyRate, BigDecimal perCapitaIncome) {
        this(provinceCode, year, method, povertyRate, perCapitaIncome, null);
    }
}
