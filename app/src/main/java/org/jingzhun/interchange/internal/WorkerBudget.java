package org.jingzhun.interchange.internal;

/**
 * The memory an import may use, in bytes: its job worker's budget (the job runner's), so that the workers together
 * stay within the heap whatever is uploaded. Reading a file asks it of the thread it runs on ({@link #bytes()}), so that a reader holding
 * what it cannot stream (XLSX shared strings) goes to disk beyond it.
 */
final class WorkerBudget {

    /** For code that reads a file outside the workers (tests, the benchmark's direct calls). */
    static final long OUTSIDE_WORKERS = 64L << 20;

    private static final ThreadLocal<Long> BYTES = new ThreadLocal<>();

    private WorkerBudget() {
    }

    /** The budget of the worker running on this thread. */
    static long bytes() {
        Long bytes = BYTES.get();
        return bytes == null ? OUTSIDE_WORKERS : bytes;
    }

    /** Gives this thread, a job worker's, the budget of the import it runs now. */
    static void assign(long bytes) {
        BYTES.set(bytes);
    }
}
