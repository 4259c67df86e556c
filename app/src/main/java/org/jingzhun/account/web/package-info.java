/** Sign-in page, user pages, the caller's own account page, and the account API. */
package org.jingzhun.account.web;
