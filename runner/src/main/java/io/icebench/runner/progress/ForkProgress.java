package io.icebench.runner.progress;

import io.icebench.spi.Progress;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress across the fork protocol: a plugin measured in a JVM of its own shows its progress in the parent's
 * display, as if it ran there.
 *
 * <p>The child ({@code ICEBENCH_PROGRESS=relay}, set by the parent) writes one line per event to stderr:
 * <pre>
 * @icebench-progress 3 start 1200 io: cold reads
 * @icebench-progress 3 at 450
 * @icebench-progress 3 close
 * </pre>
 * {@code at} lines carry the units done so far and are written at most every {@value #RELAY_INTERVAL_MILLIS} ms
 * per task, so that a plugin stepping once per event does not write a line per event. The parent's
 * {@link Receiver} takes those lines out of the child's output and drives its own {@link Progresses} display.
 */
public final class ForkProgress {

    /** What starts a progress line in a child's output. */
    public static final String PREFIX = "@icebench-progress ";

    /** Least milliseconds between two {@code at} lines of one task. */
    public static final long RELAY_INTERVAL_MILLIS = 250;

    private static final AtomicInteger TASKS = new AtomicInteger();

    private ForkProgress() {
    }

    /** The child's side: a task whose events go to {@code out} as lines. */
    static Progress relay(String task, long total, PrintStream out) {
        return new Relayed(TASKS.incrementAndGet(), task, total, out);
    }

    private static final class Relayed implements Progress {
        private final int id;
        private final PrintStream out;
        private final AtomicLong done = new AtomicLong();
        private final AtomicLong lastLine = new AtomicLong(System.nanoTime());
        private volatile boolean closed;

        Relayed(int id, String task, long total, PrintStream out) {
            this.id = id;
            this.out = out;
            out.println(PREFIX + id + " start " + total + " " + task.replaceAll("\\R", " "));
        }

        @Override
        public void step(long units) {
            long now = done.addAndGet(units);
            long last = lastLine.get();
            long time = System.nanoTime();
            if (time - last >= TimeUnit.MILLISECONDS.toNanos(RELAY_INTERVAL_MILLIS) && lastLine.compareAndSet(last,
                    time)) {
                out.println(PREFIX + id + " at " + now);
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                out.println(PREFIX + id + " at " + done.get());
                out.println(PREFIX + id + " close");
            }
        }
    }

    /**
     * The parent's side, for one child: turns the child's progress lines into tasks of this process's display.
     * Not thread-safe: one reader thread feeds it.
     */
    public static final class Receiver {
        private final Map<Integer, Progress> open = new HashMap<>();
        private final Map<Integer, Long> done = new HashMap<>();

        /** Takes {@code line} when it is a progress line, and says whether it was. */
        public boolean accept(String line) {
            if (!line.startsWith(PREFIX)) {
                return false;
            }
            String[] parts = line.substring(PREFIX.length()).split(" ", 4);
            try {
                int id = Integer.parseInt(parts[0]);
                switch (parts[1]) {
                    case "start" -> {
                        open.put(id, Progresses.start(parts.length > 3 ? parts[3] : "?", Long.parseLong(parts[2])));
                        done.put(id, 0L);
                    }
                    case "at" -> {
                        Progress progress = open.get(id);
                        long now = Long.parseLong(parts[2]);
                        if (progress != null && now > done.getOrDefault(id, 0L)) {
                            progress.step(now - done.get(id));
                            done.put(id, now);
                        }
                    }
                    case "close" -> {
                        Progress progress = open.remove(id);
                        if (progress != null) {
                            progress.close();
                        }
                    }
                    default -> {
                        return false;
                    }
                }
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }

        /** Closes what the child left open (it died, or was killed). */
        public void closeAll() {
            open.values().forEach(Progress::close);
            open.clear();
        }
    }
}
