package io.icebench.icecube.read;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The positioned reads a dataset's remote files have issued and the bytes they fetched: what crossed the network,
 * to set against the bytes a projection needs. Shared by the files of one {@link Dataset}; thread-safe.
 */
final class ReadCounters {

    final AtomicLong reads = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();

    void add(int len) {
        reads.incrementAndGet();
        bytes.addAndGet(len);
    }
}
