/**
 * The audit trail: every change to stored data is recorded (who, when, what, before, after, why, where)
 * in the transaction of the change, in an append-only table, and can be searched within the caller's areas.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit trail")
package org.jingzhun.audit;
