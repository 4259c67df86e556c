/**
 * The pages and API that follow any job: the caller's jobs (a national administrator's: everyone's) and one job with
 * its progress, refreshed while it runs, its result and a link to its kind's own page.
 */
package org.jingzhun.job.web;
