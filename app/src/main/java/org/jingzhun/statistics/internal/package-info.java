/**
 * The rollups: database triggers queue the villages a change touches, a background refresher recomputes them
 * and sums their ancestors, and the figures are read from the rollups only.
 */
package org.jingzhun.statistics.internal;
