/**
 * The pages and API of imports and exports: upload with a progress bar that survives a reload, the report
 * with the refused rows to download, templates, and household lists as CSV or XLSX.
 */
package org.jingzhun.interchange.web;
