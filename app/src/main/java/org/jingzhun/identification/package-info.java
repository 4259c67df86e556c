/**
 * Identification: households become registered poor households through "two publicities and one announcement"
 * within a round of their county, and villages become poor villages by "one high, one low, one none" and one
 * publicity and one announcement, two definitions run by the procedure engine, which keeps every step, objection
 * and attachment; the public reads the lists.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identification")
package org.jingzhun.identification;
