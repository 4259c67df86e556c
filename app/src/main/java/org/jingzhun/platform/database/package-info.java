/**
 * The embedded PostgreSQL server and the data source that points at it. The pool logs in as a role that owns
 * nothing (the owner role migrates), and a superuser pool is refused; a watchdog notices when the database goes
 * away, restarts the embedded server, and meanwhile answers requests with 503 and readiness down.
 */
package org.jingzhun.platform.database;
