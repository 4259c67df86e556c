/**
 * Users, their roles and the areas they are bound to, sign-in (form and personal API tokens) and the first
 * administrator. Who may call which endpoint is declared per feature ({@link org.jingzhun.platform.EndpointRules})
 * and enforced here, denying whatever no rule allows.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package org.jingzhun.account;
