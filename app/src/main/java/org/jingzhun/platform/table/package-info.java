/**
 * The one reader of uploaded tables, for every module: CSV (UTF-8 or GB18030) or the first sheet of an XLSX workbook,
 * streamed within {@link org.jingzhun.platform.table.TableLimits}, with headers found in either language under title
 * rows; and the one staged import on top of it, where a kind of file is a column specification plus its checks.
 */
@org.springframework.modulith.NamedInterface("table")
package org.jingzhun.platform.table;
