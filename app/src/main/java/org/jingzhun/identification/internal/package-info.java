/**
 * The insides of identification: one engine moves either procedure's subjects along its rules in bulk with
 * set-based SQL, each procedure adding its own checks and consequences (income test, quota, the registry's status).
 */
package org.jingzhun.identification.internal;
