package org.jingzhun.area;

import java.util.List;

/**
 * One administrative division with its ancestors (nation excluded) and the number of its active direct
 * children and villages. The nation itself is the area with the empty code.
 */
public record Area(String code, String name, AreaLevel level, String parentCode, boolean retired,
                   int children, int villages, List<AreaRef> path) {

    /** Code and name of an ancestor, for breadcrumbs and for telling apart areas that share a name. */
    public record AreaRef(String code, String name) {
    }

    /** The names from the province down to this area, e.g. "云南省 / 昆明市 / 五华区". */
    public String fullName() {
        StringBuilder text = new StringBuilder();
        for (AreaRef ancestor : path) {
            text.append(ancestor.name()).append(" / ");
        }
        return text.append(name).toString();
    }
}
