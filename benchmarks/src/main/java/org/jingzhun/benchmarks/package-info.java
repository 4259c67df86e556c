/**
 * Benchmarks run on demand with {@code ./mvnw -pl benchmarks -am verify -DskipTests -Pbenchmarks}, each in a
 * forked JVM whose heap is capped (at the target's size, where there is one). They use the application's own
 * code and a throwaway embedded database, and print their figures with a verdict against the targets.
 */
package org.jingzhun.benchmarks;
