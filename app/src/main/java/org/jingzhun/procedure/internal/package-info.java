/**
 * The engine behind {@link org.jingzhun.procedure.Procedures}: one statement per list per step for a whole list
 * (all or none), the callers' levels, the objections of the public with their limits, and the attachments.
 */
package org.jingzhun.procedure.internal;
