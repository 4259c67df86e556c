/**
 * The registry of poor households and their members ("record creation"): each person registered once in
 * the whole country, identified by the resident identity number, at the administrative village of the household.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Registry")
package org.jingzhun.registry;
