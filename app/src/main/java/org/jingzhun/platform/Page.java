package org.jingzhun.platform;

import java.util.List;

/**
 * One page of a list the API answers in pages, the one paging contract of the whole API: the request names
 * {@code page} (from 0) and {@code size} (1 to {@link #MAX_SIZE}); the answer holds the items, the page and size
 * asked for, and the total number of items, so that a client knows how many pages follow.
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** The most items one page may hold: a list of any length is read in pages, never whole. */
    public static final int MAX_SIZE = 1000;

    public Page {
        items = List.copyOf(items);
    }

    /** Refuses a page number below 0 or a size outside 1 to {@link #MAX_SIZE}, naming the parameter. */
    public static void check(int page, int size) {
        List<DomainException.FieldProblem> problems = new java.util.ArrayList<>();
        if (page < 0) {
            problems.add(new DomainException.FieldProblem("page", "range", "page.page.range", page));
        }
        if (size < 1 || size > MAX_SIZE) {
            problems.add(new DomainException.FieldProblem("size", "range", "page.size.range", size, MAX_SIZE));
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
    }

    /** The number of items before the page, for SQL's {@code offset}. */
    public static long offset(int page, int size) {
        return (long) page * size;
    }

    /** The number of pages the total makes (at least one, an empty list showing as one empty page). */
    public long pages() {
        return Math.max(1, (total + size - 1) / size);
    }

    /** Whether pages follow this one. */
    public boolean more() {
        return Page.offset(page, size) + items.size() < total;
    }
}
