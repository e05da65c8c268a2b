package io.icebench.icecube.load;

import io.icebench.icecube.collate.EventSource;

import java.util.function.LongConsumer;

/**
 * The files a {@link DataLoader} reads: how many, how many events each holds (known without decoding, from the
 * meta file), and decoding one. {@link #load} may be called from several threads, for different files.
 */
public interface BatchSources {

    int files();

    int eventsOf(int file);

    EventSource load(int file) throws Exception;

    /**
     * Decodes a file as {@link #load(int)} does, reporting its decode work to {@code afterWork}: on the thread that
     * did each unit, right after it, with the unit's elapsed nanoseconds. The default reports the whole call as one
     * unit on the calling thread. A source that decodes on threads of its own overrides it to report each unit on
     * the thread that did it (per column chunk, say), so that a slowdown injected through the hook lands on those
     * threads; it then reports the calling thread's own share only, not the time it waited for the others.
     */
    default EventSource load(int file, LongConsumer afterWork) throws Exception {
        long start = System.nanoTime();
        EventSource source = load(file);
        afterWork.accept(System.nanoTime() - start);
        return source;
    }

    /**
     * The loader has collated the last batch of {@code file}: nothing reads {@code source} any more, so its arrays
     * may be decoded into again by a later {@link #load} of the same file. Called once per decode, on a worker
     * thread. By default nothing is kept.
     */
    default void release(int file, EventSource source) {
    }
}
