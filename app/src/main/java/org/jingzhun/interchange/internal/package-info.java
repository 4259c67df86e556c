/**
 * How files are read and written (CSV in UTF-8 or GB18030, XLSX streamed), how import jobs run in the
 * background with their staging tables and checks, and how household lists are exported.
 */
package org.jingzhun.interchange.internal;
