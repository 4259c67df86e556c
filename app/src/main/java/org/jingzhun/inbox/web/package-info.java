/** The inbox as each signed-in user's home page. */
package org.jingzhun.inbox.web;
