package org.jingzhun.statistics.web;

import java.util.List;

import org.jingzhun.platform.ChinaClock;
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
        return years.isEmpty() ? ChinaClock.thisYear() : years.getLast();
    }
}
