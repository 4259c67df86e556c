/**
 * The generator of demonstration data behind {@link org.jingzhun.interchange.DemonstrationData}: a plan of the
 * province drawn from a seed (villages' sizes, poverty rates, income levels and peoples), households drawn one
 * by one from it, and their rows streamed with COPY into the registry tables in one transaction.
 */
package org.jingzhun.interchange.demonstration;
