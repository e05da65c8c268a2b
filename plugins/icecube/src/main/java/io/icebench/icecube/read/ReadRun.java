package io.icebench.icecube.read;

import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * One parallel read of column chunks into the caller's arrays, on the caller's thread and {@code workers - 1}
 * helpers, each a {@link ChunkWorker}.
 *
 * <p>Work is a deque of chunk tasks (largest first, so the last tasks to start are the small ones) and page-range
 * parts: a worker that lists a big chunk pushes its parts to the front, so parts run before new chunks start and
 * at most a few chunks' compressed bytes are held at once. Tasks never write the same range of an array, so they
 * need no locks.
 *
 * <p>The first failure stops every thread from taking more work; the caller still waits for all of them, because
 * they write into its arrays, and then throws that failure as {@link ReadFailures#ofRead} says it.
 */
final class ReadRun {
    private final LinkedBlockingDeque<Object> work = new LinkedBlockingDeque<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final ReadContext context;
    private final int workers;
    private final long splitValues;
    private final LongConsumer afterWork;

    /**
     * @param splitValues how many values a chunk must hold to be split into page ranges for several threads
     * @param afterWork   called (unless null) on the decoding thread after each unit with its elapsed nanoseconds
     */
    ReadRun(ReadContext context, List<ChunkTask> tasks, int workers, long splitValues, LongConsumer afterWork) {
        this.context = context;
        this.workers = workers;
        this.splitValues = splitValues;
        this.afterWork = afterWork;
        pending.set(tasks.size());
        work.addAll(tasks);
    }

    /** Decodes every task, returning once all threads are done; throws the first failure. */
    void execute() {
        Thread[] helpers = new Thread[workers - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Thread(this::loop, "icebench-read-" + (i + 1));
            helpers[i].setDaemon(true);
            helpers[i].start();
        }
        loop();
        boolean interrupted = false;
        for (Thread helper : helpers) {
            while (true) {
                try {
                    helper.join();
                    break;
                } catch (InterruptedException e) {
                    // Stop handing out work, but wait: the helpers still write into the caller's arrays.
                    interrupted = true;
                    failure.compareAndSet(null, e);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable problem = failure.get();
        if (problem != null) {
            throw ReadFailures.ofRead(context.file(), context.role(), problem);
        }
    }

    private void loop() {
        try (ChunkWorker worker = new ChunkWorker(context)) {
            while (failure.get() == null) {
                Object next = work.pollFirst();
                if (next == null) {
                    if (pending.get() == 0) {
                        break;
                    }
                    // Another worker is still listing a chunk and may push parts: wait briefly for them.
                    next = work.pollFirst(100, TimeUnit.MICROSECONDS);
                    if (next == null) {
                        continue;
                    }
                }
                long start = afterWork == null ? 0 : System.nanoTime();
                if (next instanceof ChunkTask task) {
                    worker.chunk(task, this);
                } else {
                    worker.part((ChunkWorker.Part) next);
                }
                if (afterWork != null) {
                    afterWork.accept(System.nanoTime() - start); // on this thread: it decoded the unit
                }
                pending.decrementAndGet();
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    /** How many values a chunk must hold before a worker splits it into parts. */
    long splitValues() {
        return splitValues;
    }

    /** Puts a split chunk's parts at the front of the work, in page order. */
    void schedule(List<ChunkWorker.Part> parts) {
        pending.addAndGet(parts.size());
        for (int i = parts.size() - 1; i >= 0; i--) {
            work.offerFirst(parts.get(i));
        }
    }
}
