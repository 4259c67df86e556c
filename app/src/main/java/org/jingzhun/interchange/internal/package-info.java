/**
 * How household import jobs run in the background on the platform's table reader ({@code org.jingzhun.platform.table}),
 * with their own staging table and set-based checks, and how household lists are exported with its table writer.
 */
package org.jingzhun.interchange.internal;
