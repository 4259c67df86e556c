package org.jingzhun.inbox;

import java.util.List;

import org.jingzhun.platform.Caller;
import org.springframework.context.MessageSourceResolvable;

/** The tasks waiting for a caller: one entry per kind that has any. */
public interface Inbox {

    /** Counts above this show as "10,000+". */
    int CAP = 10_000;

    /** The entries of the caller's inbox, in the order of the kinds, those with no task left out. */
    List<Entry> entries(Caller caller);

    /** One entry: its words, how many (at most the cap plus one) and whether there are more than the cap, its page. */
    record Entry(MessageSourceResolvable label, long count, boolean capped, int cap, String link) {
    }
}
