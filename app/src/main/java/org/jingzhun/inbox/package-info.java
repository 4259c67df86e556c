/**
 * The task inbox, each user's home page: what waits for the user's role and areas (steps of procedures,
 * publicities ending, objections to decide, jobs finished), as counts with links. Features add their own kinds of
 * task through {@link org.jingzhun.inbox.TaskKind} (or several at once through {@link org.jingzhun.inbox.TaskKinds}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Inbox")
package org.jingzhun.inbox;
