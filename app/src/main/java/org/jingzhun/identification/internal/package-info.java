/**
 * The insides of identification: the household and village procedures as two definitions on the procedure engine
 * ({@link org.jingzhun.identification.internal.HouseholdDefinition}, {@link org.jingzhun.identification.internal.VillageDefinition}),
 * their own rules (income test, quota, votes, the registry's status), rounds, village figures and assessments.
 */
package org.jingzhun.identification.internal;
