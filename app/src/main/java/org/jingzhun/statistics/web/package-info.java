/**
 * The dashboard pages with their charts, the printable summary, the spreadsheet export and the JSON API of
 * the indicators; all show the same figures, within the caller's areas.
 */
package org.jingzhun.statistics.web;
