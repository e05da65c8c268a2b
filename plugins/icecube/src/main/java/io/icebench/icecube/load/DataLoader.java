package io.icebench.icecube.load;

import io.icebench.icecube.collate.Collator;
import io.icebench.icecube.collate.ContinuousBatch;
import io.icebench.icecube.collate.DomBatch;
import io.icebench.icecube.collate.EventSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * The pipeline's data loader, the way a training loop sees it: {@code workers} threads collate batches of
 * {@code batchSize} events into a bounded queue that the consumer drains with {@link #next()}.
 *
 * <p>Sampling is batch-aware, like the original's sampler: a training batch never mixes files, files are visited
 * one after the other (shuffled if asked) and events are shuffled within their file, so each file is decoded once
 * per epoch. The next file is decoded ahead while the current one is collated; a file's arrays are dropped as soon
 * as its last batch is collated (and handed to {@link BatchSources#release}, which may keep them for the file's next
 * decode), so at most about two decoded files are in use. Batches reach the consumer in
 * completion order, not plan order.
 *
 * <p>An optional {@code afterWork} hook hears of every unit of measured work, on the thread that did it, right after
 * it, with the unit's elapsed nanoseconds: the collation of each batch (on its worker) and the decode of each file,
 * as {@link BatchSources#load(int, LongConsumer)} reports it (by default one unit on the read-ahead thread; a source
 * that decodes on several threads reports each column chunk on the thread that decoded it). A benchmark passes its
 * timer sample's {@code worker()} there, so that an injected slowdown lands on the decode and collate work
 * itself rather than on the consumer. Time the hook takes counts as that unit's time in {@link #stats()}, as slower
 * decode or collate code would.
 *
 * <p>Not reusable: one loader is one epoch. Close it to stop the workers early.
 */
public final class DataLoader implements AutoCloseable {

    private static final TrainingBatch END = new TrainingBatch(-1, 0, 0, null, null);
    /** The default hook: nothing to call, and no extra clock read per unit. */
    private static final LongConsumer NO_HOOK = elapsedNanos -> { };

    private final BatchSources sources;
    private final LoaderOptions options;
    private final LongConsumer afterWork;
    private final boolean hooked;
    private final List<Task> tasks;
    private final FileSlot[] slots;
    private final BlockingQueue<TrainingBatch> queue;
    private final AtomicInteger nextTask = new AtomicInteger();
    /** END markers the consumer has taken; only the consumer thread touches it. */
    private int endsSeen;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final ExecutorService readAhead;
    private final List<Thread> workers = new ArrayList<>();
    private final long plannedEvents;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.LongAdder decodeNanos = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder collateNanos = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder waitForFileNanos = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder waitForQueueNanos = new java.util.concurrent.atomic.LongAdder();

    /**
     * Where the time went, summed over threads, so a benchmark can say what bounds the loader.
     *
     * @param decodeNanos       reading and decoding files
     * @param collateNanos      collating batches
     * @param waitForFileNanos  workers waiting for a file to be decoded (decode-bound)
     * @param waitForQueueNanos workers waiting for room in the queue (consumer-bound)
     */
    public record Stats(long decodeNanos, long collateNanos, long waitForFileNanos, long waitForQueueNanos) {
    }

    /** The time spent so far; complete once {@link #next()} has returned null. */
    public Stats stats() {
        return new Stats(decodeNanos.sum(), collateNanos.sum(), waitForFileNanos.sum(), waitForQueueNanos.sum());
    }

    private record Task(int file, int[] events) {
    }

    /** One file's decoding: started at most once per epoch, dropped when its last batch is collated. */
    private final class FileSlot {
        final int file;
        final AtomicInteger remainingTasks = new AtomicInteger();
        private boolean started;
        private CompletableFuture<EventSource> source;

        FileSlot(int file) {
            this.file = file;
        }

        synchronized CompletableFuture<EventSource> start() {
            if (!started) {
                started = true;
                source = CompletableFuture.supplyAsync(() -> load(file), readAhead);
            }
            return source;
        }

        /** Drops the decoded file, and offers it to the sources for the file's next decode. */
        void release() {
            CompletableFuture<EventSource> done;
            synchronized (this) {
                done = source;
                source = null;
            }
            if (done != null && done.isDone() && !done.isCompletedExceptionally()) {
                sources.release(file, done.join());
            }
        }
    }

    public DataLoader(BatchSources sources, LoaderOptions options) {
        this(sources, options, NO_HOOK);
    }

    /**
     * A loader that reports each unit of its work to {@code afterWork}, called on the thread that did the unit, right
     * after it, with its elapsed nanoseconds: once per collated batch (worker thread), and for each decoded file what
     * {@link BatchSources#load(int, LongConsumer)} reports (by default once, on the read-ahead thread). Units that
     * fail are not reported. The hook must be thread-safe.
     */
    public DataLoader(BatchSources sources, LoaderOptions options, LongConsumer afterWork) {
        this.sources = sources;
        this.options = options;
        this.afterWork = java.util.Objects.requireNonNull(afterWork, "afterWork");
        this.hooked = afterWork != NO_HOOK;
        this.slots = new FileSlot[sources.files()];
        this.tasks = plan();
        this.plannedEvents = tasks.stream().mapToLong(t -> t.events().length).sum();
        this.queue = new ArrayBlockingQueue<>(options.prefetch() + options.workers());
        this.readAhead = Executors.newSingleThreadExecutor(r -> daemon(r, "icebench-loader-readahead"));
        for (int i = 0; i < options.workers(); i++) {
            Thread worker = daemon(this::work, "icebench-loader-worker-" + i);
            workers.add(worker);
            worker.start();
        }
    }

    /** Events this epoch will deliver. */
    public long plannedEvents() {
        return plannedEvents;
    }

    /** Batches this epoch will deliver. */
    public int plannedBatches() {
        return tasks.size();
    }

    /**
     * The next batch, blocking until one is ready; {@code null} at the end of the epoch.
     *
     * @throws IllegalStateException wrapping the first failure of a worker (a file that cannot be read, say)
     */
    public TrainingBatch next() throws InterruptedException {
        while (endsSeen < options.workers()) {
            TrainingBatch batch = queue.take();
            if (batch != END) {
                return batch;
            }
            // Every worker puts one END after its last batch; the epoch is over when all have.
            endsSeen++;
            Throwable failed = failure.get();
            if (failed != null) {
                throw new IllegalStateException("data loading failed: " + failed.getMessage(), failed);
            }
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            worker.interrupt();
        }
        readAhead.shutdownNow();
    }

    private List<Task> plan() {
        SplittableRandom random = new SplittableRandom(options.seed());
        int[] fileOrder = identity(sources.files());
        if (options.shuffle()) {
            shuffle(fileOrder, random);
        }
        List<Task> planned = new ArrayList<>();
        long budget = options.maxEvents() > 0 ? options.maxEvents() : Long.MAX_VALUE;
        for (int file : fileOrder) {
            if (budget <= 0) {
                break;
            }
            int[] events = identity(sources.eventsOf(file));
            if (options.shuffle()) {
                shuffle(events, random);
            }
            int take = (int) Math.min(events.length, budget);
            budget -= take;
            slots[file] = new FileSlot(file);
            for (int from = 0; from < take; from += options.batchSize()) {
                int to = Math.min(take, from + options.batchSize());
                planned.add(new Task(file, java.util.Arrays.copyOfRange(events, from, to)));
                slots[file].remainingTasks.incrementAndGet();
            }
        }
        return planned;
    }

    private void work() {
        Collator collator = new Collator();
        try {
            int index;
            while (!closed && failure.get() == null && (index = nextTask.getAndIncrement()) < tasks.size()) {
                Task task = tasks.get(index);
                long waitStart = System.nanoTime();
                EventSource source = source(task.file(), index);
                long collateStart = System.nanoTime();
                waitForFileNanos.add(collateStart - waitStart);
                TrainingBatch batch;
                if (options.collation() == LoaderOptions.Collation.DOM_GROUPED) {
                    DomBatch grouped = collator.domGrouped(source, task.events());
                    batch = new TrainingBatch(task.file(), grouped.events(), grouped.pulses(), null, grouped);
                } else {
                    ContinuousBatch continuous = collator.continuous(source, task.events());
                    batch = new TrainingBatch(task.file(), continuous.events(), continuous.pulses(), continuous, null);
                }
                if (slots[task.file()].remainingTasks.decrementAndGet() == 0) {
                    slots[task.file()].release(); // let the decoded file go
                }
                long putStart = System.nanoTime();
                if (hooked) {
                    afterWork.accept(putStart - collateStart); // on this worker: it did the collation
                    putStart = System.nanoTime();
                }
                collateNanos.add(putStart - collateStart);
                queue.put(batch);
                waitForQueueNanos.add(System.nanoTime() - putStart);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        } finally {
            try {
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // closed: nobody is waiting for the end
            }
        }
    }

    /** The decoded file, decoding it (and reading ahead the file after it) on first use. */
    private EventSource source(int file, int taskIndex) throws Exception {
        CompletableFuture<EventSource> future = slots[file].start();
        // Read ahead: the next file in plan order starts decoding while this one is collated.
        for (int i = taskIndex + 1; i < tasks.size(); i++) {
            int nextFile = tasks.get(i).file();
            if (nextFile != file) {
                slots[nextFile].start();
                break;
            }
        }
        try {
            return future.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private EventSource load(int file) {
        long start = System.nanoTime();
        try {
            // Hooked: the source reports its decode work on the threads that did it (see BatchSources).
            return hooked ? sources.load(file, afterWork) : sources.load(file);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        } finally {
            decodeNanos.add(System.nanoTime() - start);
        }
    }

    private static int[] identity(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        return values;
    }

    private static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
