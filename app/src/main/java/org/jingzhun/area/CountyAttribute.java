package org.jingzhun.area;

/** An attribute that a list of county codes can be imported for. */
public enum CountyAttribute {
    /** National key county for poverty alleviation (592). */
    NATIONAL_KEY,
    /** Poor county (832: the key counties plus the counties of contiguous destitute areas). */
    POOR,
    /** Member of a contiguous destitute area; the import names which one. */
    DESTITUTE_AREA,
    /** Provincial key county. */
    PROVINCIAL_KEY,
    /** Region east, central or west; the import names which one. */
    REGION
}
