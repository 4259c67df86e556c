package org.jingzhun.platform;

/**
 * The database went away (its server stopped, or cannot be reached) or came back, as the platform's watchdog saw
 * it. Published synchronously, not through the event registry, which lives in that very database: a listener of
 * {@code away == false} runs once the server answers again and before requests are let through.
 */
public record DatabaseAvailabilityChanged(boolean away) {
}
