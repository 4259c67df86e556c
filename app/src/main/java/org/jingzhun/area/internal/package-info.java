/** Storage of the divisions: the edition loader, the area queries and the county attribute register. */
package org.jingzhun.area.internal;
