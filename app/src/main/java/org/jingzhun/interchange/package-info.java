/**
 * Interchange: households in and out of the registry in bulk. Spreadsheet and CSV templates, imports staged
 * with COPY and checked with the forms' rules before they enter in one transaction, streamed exports, and
 * generated demonstration data at provincial scale.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Interchange")
package org.jingzhun.interchange;
