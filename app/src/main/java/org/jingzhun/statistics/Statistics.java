package org.jingzhun.statistics;

import java.util.List;

/**
 * The indicators of areas by year, within the caller's areas (any other area is not found), read from rollups
 * the system keeps: an area's figures are the sums of its children's, by construction.
 */
public interface Statistics {

    /** The years the figures cover, oldest first: from the first year the registry holds to the last one changed. */
    List<Integer> years();

    /** The indicators of an area ({@code ""} is the nation) in a year, with the breakdowns of its poor. */
    AreaFigures figures(String areaCode, int year);

    /** The indicators of the area's direct children in a year, each active child once (zeros without data), by code. */
    List<Indicators> children(String areaCode, int year);

    /** The indicators of the area in each of {@link #years()}. */
    List<Indicators> trend(String areaCode);

    /** Recomputes at once the villages changed since the last refresh (else done within seconds); the number recomputed. */
    int refresh();

    /** An area's indicators and the breakdowns of its registered poor, in one year. */
    record AreaFigures(Indicators indicators, List<Breakdown> breakdowns) {
    }
}
