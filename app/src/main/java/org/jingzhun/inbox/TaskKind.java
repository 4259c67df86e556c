package org.jingzhun.inbox;

import org.jingzhun.platform.Caller;
import org.springframework.context.MessageSourceResolvable;

/**
 * One kind of task a feature puts in the inbox: how many wait for a caller, the words of its entry and the page
 * (a filtered list) where they are made. A bean of this type is found by the inbox; a later feature (visits due,
 * cases overdue) plugs in by declaring one.
 */
public interface TaskKind {

    /**
     * How many tasks of this kind wait for the caller, counted no further than {@code limit} (a national user's
     * inbox stays fast): 0 when none, or when the caller's roles and areas make none of them.
     */
    long count(Caller caller, int limit);

    /** The words of the entry, resolved in the user's language. */
    MessageSourceResolvable label();

    /** The page where the tasks are made, for this caller. */
    String link(Caller caller);
}
