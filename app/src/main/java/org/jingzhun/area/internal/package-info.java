/**
 * Storage of the divisions: the edition loader (its files read by the platform's table reader), the area queries and
 * the county attribute register, whose county lists are a kind of file of the platform's staged import.
 */
package org.jingzhun.area.internal;
