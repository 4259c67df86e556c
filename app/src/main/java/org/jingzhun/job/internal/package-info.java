/**
 * The job runner: the queue in the database, the workers that claim from it fairly, this instance's name and beat,
 * and the recovery of what a stopped instance left unfinished.
 */
package org.jingzhun.job.internal;
