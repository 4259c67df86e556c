package org.jingzhun.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Wall time, heap and garbage collection of one piece of work in this JVM.
 *
 * @param heapBefore heap in use when the work started, after a full collection
 * @param peakHeap   the sum of the heap pools' peaks during the work: an upper bound of the heap in use at
 *                   any one moment, as the pools (eden, survivor, old) need not peak together
 */
record Measurement<T>(T result, Duration wall, long heapBefore, long peakHeap, long gcCount, Duration gcTime) {

    static <T> Measurement<T> of(Supplier<T> work) {
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

        // Start from a collected heap, so that the garbage of start-up or of an earlier run is not counted.
        System.gc();
        long heapBefore = sum(heapPools, MemoryPoolMXBean::getUsage);
        long gcCountBefore = total(collectors, GarbageCollectorMXBean::getCollectionCount);
        long gcMillisBefore = total(collectors, GarbageCollectorMXBean::getCollectionTime);
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);

        long started = System.nanoTime();
        T result = work.get();
        Duration wall = Duration.ofNanos(System.nanoTime() - started);

        return new Measurement<>(result, wall, heapBefore, sum(heapPools, MemoryPoolMXBean::getPeakUsage),
                total(collectors, GarbageCollectorMXBean::getCollectionCount) - gcCountBefore,
                Duration.ofMillis(total(collectors, GarbageCollectorMXBean::getCollectionTime) - gcMillisBefore));
    }

    private static long sum(List<MemoryPoolMXBean> pools, Function<MemoryPoolMXBean, MemoryUsage> usage) {
        return pools.stream().mapToLong(pool -> usage.apply(pool).getUsed()).sum();
    }

    /** A collector that does not know a figure reports -1: leave it out rather than subtract from the total. */
    private static long total(List<GarbageCollectorMXBean> collectors, ToLongFunction<GarbageCollectorMXBean> figure) {
        return collectors.stream().mapToLong(figure).filter(n -> n >= 0).sum();
    }
}
