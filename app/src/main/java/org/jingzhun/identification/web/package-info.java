/**
 * The identification pages and API: rounds and their household lists with bulk steps, the village assessment and
 * cases, and the public pages (lists in publicity, announcements, the objection form) that villagers read on phones.
 */
package org.jingzhun.identification.web;
