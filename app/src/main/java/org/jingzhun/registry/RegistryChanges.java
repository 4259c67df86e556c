package org.jingzhun.registry;

import java.util.List;

/**
 * The registry's change capture for the statistics: the villages whose households, members or incomes changed, which
 * the registry wrote in the transaction of each change (no triggers: a distributed engine cannot run those).
 */
public interface RegistryChanges {

    /** Takes up to {@code limit} changed villages off the log, in the caller's transaction (rows others hold are left). */
    List<String> takeVillages(int limit);
}
