package org.jingzhun.poverty;

import java.math.BigDecimal;
import java.util.List;

/** The poverty lines in force: national by year, overridden by a province's own line for that year. */
public interface PovertyLines {

    /**
     * The line a household of the province is identified against in the year: the provincial line when the
     * province has one for the year, else the national one. Refused (not found) when neither exists.
     */
    PovertyLine lineFor(String provinceCode, int year);

    /** The national lines and those of one province (or of all provinces when null), by year. */
    List<PovertyLine> list(String provinceCode);

    /** Adds a line; {@code provinceCode} null adds a national line. Refused when that year already has one. */
    PovertyLine add(String provinceCode, Integer year, BigDecimal amount, String note);
}
