/** Storage of the audit trail. */
package org.jingzhun.audit.internal;
