/**
 * Administrative divisions from the nation to the village, loaded from the national statistical codes,
 * with the attributes of counties (key county, poor county, destitute area, region). The code is the
 * spine of the system: an area's code begins with its ancestors' codes, so "inside X" is a prefix match.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Areas")
package org.jingzhun.area;
