/**
 * The pages every procedure shares: its lists of cases (at a stage, or the lists the inbox counts) where a step is
 * made for many at once, one case with its step log, objections and step, and the attachments of its steps.
 */
package org.jingzhun.procedure.web;
