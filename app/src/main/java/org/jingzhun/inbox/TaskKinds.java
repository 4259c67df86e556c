package org.jingzhun.inbox;

import java.util.List;

/** Several kinds of task from one feature at once, e.g. one per step of every procedure the engine runs. */
public interface TaskKinds {

    /** The kinds, in the order their entries are shown. */
    List<TaskKind> kinds();
}
