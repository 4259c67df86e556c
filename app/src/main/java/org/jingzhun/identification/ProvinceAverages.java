package org.jingzhun.identification;

import java.math.BigDecimal;

/**
 * The provincial averages the village tests compare with: the poverty rate (0 to 1) and the rural per capita
 * net income, entered by the province or computed from its villages at each assessment.
 */
public record ProvinceAverages(String provinceCode, Integer year, Method method, BigDecimal povertyRate,
                               BigDecimal perCapitaIncome) {

    public enum Method { ENTERED, COMPUTED }
}
