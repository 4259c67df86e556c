/**
 * The shared floor every feature stands on: the embedded PostgreSQL started when no database URL is
 * configured, the web layout and language switching, and the one way features report refused input
 * ({@link org.jingzhun.platform.DomainException}), turned into localized pages and JSON problems here.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package org.jingzhun.platform;
