/** Storage of users and tokens, password hashing, sign-in, endpoint access and the first administrator. */
package org.jingzhun.account.internal;
