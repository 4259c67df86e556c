package org.jingzhun.registry;

/**
 * What the registry writes beside households, members and incomes that another module wrote in bulk (imports, the
 * demonstration data), in that module's transaction: each household's first status row, the person index of its
 * members, and the change rows the statistics read. Set-based: one statement each, whatever the count.
 */
public interface HouseholdsWritten {

    /** The households of these ids were just inserted with their members and incomes. */
    void recorded(Long[] householdIds);

    /** Every household of this area was just inserted with its members and incomes (the area was empty before). */
    void recordedIn(String areaCode);

    /** The households of these ids, their members or incomes changed (or are about to be removed): their villages are queued. */
    void changed(Long[] householdIds);
}
