/** The area browser page and the read-only JSON API of the divisions. */
package org.jingzhun.area.web;
