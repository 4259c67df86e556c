package org.jingzhun.area;

import java.util.List;
import java.util.Optional;

/** Reading the administrative divisions. */
public interface Areas {

    /** The code of the nation, parent of the provinces. */
    String NATION = "";

    /** The nation's name in the language of the division data. */
    String NATION_NAME = "全国";

    /** The area with this code (retired ones included), or empty. */
    Optional<Area> find(String code);

    /** The areas with these codes that exist, by code, in two queries whatever their number (for lists). */
    java.util.Map<String, Area> findAll(java.util.Collection<String> codes);

    /** The area with this code, or a not-found refusal naming the code. */
    Area get(String code);

    /** The active direct children of an area, by code; {@link #NATION} gives the provinces. */
    List<Area> children(String code);

    /** Active areas whose code starts with the query (digits) or whose name contains it, best matches first. */
    List<Area> search(String query, int limit);
}
