/** Storage and validation of poverty lines. */
package org.jingzhun.poverty.internal;
