package org.jingzhun.poverty;

import java.math.BigDecimal;

/**
 * A rural poverty line: yuan of per capita net income per year at current prices. {@code provinceCode} is
 * null for the national line.
 */
public record PovertyLine(long id, String provinceCode, int year, BigDecimal amount, String note) {

    public boolean national() {
        return provinceCode == null;
    }
}
