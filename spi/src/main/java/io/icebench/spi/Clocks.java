package io.icebench.spi;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;

/** The JVM's clocks, read through {@code com.sun.management}; each reads 0 where the JVM does not offer it. */
final class Clocks {
    static final long[] ZERO = {0, 0};
    private static final com.sun.management.ThreadMXBean THREADS = threads();
    private static final com.sun.management.OperatingSystemMXBean OS = os();

    private Clocks() {
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean) {
            if (bean.isThreadAllocatedMemorySupported() && !bean.isThreadAllocatedMemoryEnabled()) {
                bean.setThreadAllocatedMemoryEnabled(true);
            }
            if (bean.isThreadCpuTimeSupported() && !bean.isThreadCpuTimeEnabled()) {
                bean.setThreadCpuTimeEnabled(true);
            }
            return bean;
        }
        return null;
    }

    private static com.sun.management.OperatingSystemMXBean os() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean
                bean ? bean : null;
    }

    static long currentAllocated() {
        return THREADS == null ? 0 : Math.max(0, THREADS.getCurrentThreadAllocatedBytes());
    }

    static long currentThreadCpu() {
        return THREADS == null ? 0 : Math.max(0, THREADS.getCurrentThreadCpuTime());
    }

    static long processCpu() {
        return OS == null ? 0 : Math.max(0, OS.getProcessCpuTime());
    }

    /** The highest id of the live Java threads: ids only grow, so a thread with a higher one is younger. */
    static long lastThreadId() {
        if (THREADS == null) {
            return Long.MAX_VALUE;
        }
        long last = Thread.currentThread().getId();
        for (long id : THREADS.getAllThreadIds()) {
            last = Math.max(last, id);
        }
        return last;
    }

    /** {allocated, cpu} of the given threads that are still alive, by id. */
    static Map<Long, long[]> of(Set<Long> threads) {
        if (THREADS == null || threads.isEmpty()) {
            return Map.of();
        }
        long[] ids = threads.stream().mapToLong(Long::longValue).toArray();
        long[] allocated = THREADS.getThreadAllocatedBytes(ids);
        long[] cpu = THREADS.getThreadCpuTime(ids);
        Map<Long, long[]> out = new java.util.HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (allocated[i] >= 0 && cpu[i] >= 0) {
                out.put(ids[i], new long[] {allocated[i], cpu[i]});
            }
        }
        return out;
    }
}
