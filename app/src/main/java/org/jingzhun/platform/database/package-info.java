/** The embedded PostgreSQL server and the data source that points at it. */
package org.jingzhun.platform.database;
