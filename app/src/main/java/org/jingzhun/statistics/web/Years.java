package org.jingzhun.statistics.web;

import java.time.Year;
import java.util.List;

import org.jingzhun.statistics.Statistics;

/** The year a page or request shows: the one asked for, else the latest the figures cover, else this year. */
final class Years {

    private Years() {
    }

    static int chosen(Statistics statistics, Integer asked) {
        if (asked != null) {
            return asked;
        }
        List<Integer> years = statistics.years();
        return years.isEmpty() ? Year.now().getValue() : years.getLast();
    }
}
