package io.icebench.icecube.read;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The positioned reads a dataset's remote files have issued and the bytes they fetched: what crossed the network,
 * to set against the bytes a projection needs. Once {@link #logFetches()} is called (the io study does; a data
 * loader reading epoch after epoch does not, and pays nothing), each read is also kept as a {@link Fetch}, up to
 * {@link #MAX_LOGGED} of them; past the cap only the counts grow. Shared by the files of one {@link Dataset};
 * thread-safe.
 */
final class ReadCounters {

    /** About 40 MB of records at most: an io study reads a few files a few times. */
    static final int MAX_LOGGED = 1 << 20;

    final AtomicLong reads = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    private final List<Fetch> log = new ArrayList<>();
    private volatile boolean logging;

    void logFetches() {
        logging = true;
    }

    void add(URI file, long offset, int len, long nanos) {
        reads.incrementAndGet();
        bytes.addAndGet(len);
        if (!logging) {
            return;
        }
        synchronized (log) {
            if (log.size() < MAX_LOGGED) {
                log.add(new Fetch(file, offset, len, nanos));
            }
        }
    }

    /** The fetches logged from the {@code from}-th on (0: all), in the order they completed. */
    List<Fetch> since(int from) {
        synchronized (log) {
            return List.copyOf(log.subList(Math.min(from, log.size()), log.size()));
        }
    }

    int logged() {
        synchronized (log) {
            return log.size();
        }
    }
}
