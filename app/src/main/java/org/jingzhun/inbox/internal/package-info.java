/** The inbox's insides: every task kind counted for the caller, each no further than the cap plus one. */
package org.jingzhun.inbox.internal;
