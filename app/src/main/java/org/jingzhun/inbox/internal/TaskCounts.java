package org.jingzhun.inbox.internal;

import java.util.ArrayList;
import java.util.List;

import org.jingzhun.inbox.Inbox;
import org.jingzhun.inbox.TaskKind;
import org.jingzhun.inbox.TaskKinds;
import org.jingzhun.platform.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Counts every kind of task for the caller, each no further than the cap plus one, so that a national user's
 * inbox costs a bounded read per kind however many cases the country holds.
 */
@Service
class TaskCounts implements Inbox {

    private final ObjectProvider<TaskKind> kinds;
    private final ObjectProvider<TaskKinds> groups;

    TaskCounts(ObjectProvider<TaskKind> kinds, ObjectProvider<TaskKinds> groups) {
        this.kinds = kinds;
        this.groups = groups;
    }

    @Override
    public List<Entry> entries(Caller caller) {
        return entries(caller, CAP);
    }

    /** The entries with counts above {@code cap} shown as more than it (a smaller cap for tests). */
    List<Entry> entries(Caller caller, int cap) {
        List<TaskKind> all = new ArrayList<>();
        groups.orderedStream().forEach(group -> all.addAll(group.kinds()));
        kinds.orderedStream().forEach(all::add);
        List<Entry> entries = new ArrayList<>();
        for (TaskKind kind : all) {
            long count = kind.count(caller, cap + 1);
            if (count > 0) {
                entries.add(new Entry(kind.label(), Math.min(count, cap), count > cap, cap, kind.link(caller)));
            }
        }
        return entries;
    }
}
