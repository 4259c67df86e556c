/** The household API. */
package org.jingzhun.registry.web;
