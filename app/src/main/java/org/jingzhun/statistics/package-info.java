/**
 * Statistics read from the nation to the village: indicators by area and year (rural and poor households and
 * people, incidence, people registered, exited and returned, incomes of the poor, causes), from rollups the
 * system keeps up to date whatever writes the registry, so that no dashboard reads the registry itself.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Statistics")
package org.jingzhun.statistics;
