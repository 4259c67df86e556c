/** The audit search page and API, for auditors and administrators. */
package org.jingzhun.audit.web;
