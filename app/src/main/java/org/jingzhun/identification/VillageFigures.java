package org.jingzhun.identification;

import java.math.BigDecimal;

/**
 * What a village reports for a year: rural residents, rural per capita net income (yuan), and collective
 * economic income (yuan; zero is none). A figure left null is taken from the registry or, for the collective
 * income, unknown.
 */
public record VillageFigures(String villageCode, Integer year, Integer ruralResidents, BigDecimal perCapitaIncome,
                             BigDecimal collectiveIncome) {
}
