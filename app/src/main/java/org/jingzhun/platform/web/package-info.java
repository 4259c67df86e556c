/** Language switching, the start page, and the translation of refusals into JSON problems. */
package org.jingzhun.platform.web;
