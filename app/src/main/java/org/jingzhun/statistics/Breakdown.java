package org.jingzhun.statistics;

/**
 * The registered poor of an area in a year by one attribute: households and people. For attributes of
 * members, households are those with at least one such member; {@code value} is empty when not recorded.
 */
public record Breakdown(Dimension dimension, String value, long households, long people) {

    /** What the poor are counted by: the household's main cause and category, the members' health, schooling and ability to work. */
    public enum Dimension { CAUSE, CATEGORY, HEALTH, SCHOOLING, WORK_ABILITY }
}
