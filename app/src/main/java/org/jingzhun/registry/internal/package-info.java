/** Storage and validation of households and members. */
package org.jingzhun.registry.internal;
