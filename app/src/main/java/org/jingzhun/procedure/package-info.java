/**
 * The procedure engine: every step-by-step procedure (identification of households and villages, exits, the
 * yearly adjustment...) is a {@link org.jingzhun.procedure.Definition} of stages and steps, each step made by a
 * role at levels of area, with publicities, objections that hold the next step, attachments and its own rules.
 * The engine keeps where each case stands, the log of its steps, its objections and attachments.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Procedure")
package org.jingzhun.procedure;
