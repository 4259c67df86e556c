/** The poverty lines page and JSON API. */
package org.jingzhun.poverty.web;
