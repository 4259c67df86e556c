/**
 * Poverty lines: the national rural line by year and the provincial lines that override it, and the one
 * lookup later features use, {@link org.jingzhun.poverty.PovertyLines#lineFor(String, int)}. A year without
 * a line is refused with a clear message, never read as zero.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Poverty lines")
package org.jingzhun.poverty;
