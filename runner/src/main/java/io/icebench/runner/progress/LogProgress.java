package io.icebench.runner.progress;

import io.icebench.spi.Progress;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Progress as plain log lines, for logs, pipes and CI: a line at most every {@code interval} (written by the step
 * that finds the interval elapsed, so a silent task writes nothing) and a final line on {@link #close()}. Each line
 * has done/total, percent, rate and ETA:
 *
 * <pre>
 * generate-data: events: 20,000/40,000 (50%), 2,512/s, ETA 0:08
 * generate-data: events: done 40,000/40,000 (100%) in 0:16, 2,498/s
 * </pre>
 *
 * Thread-safe: steps may come from any number of threads; a line is written by one of them at a time.
 */
public final class LogProgress implements Progress {

    private final String name;
    private final long total;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final Consumer<String> sink;
    private final long started;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastLine;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param name          what the lines start with, e.g. {@code io: timed reads}
     * @param total         units in all; {@code <= 0} when unknown (no percent nor ETA then)
     * @param intervalNanos least time between two progress lines
     * @param clock         nanoseconds, as {@link System#nanoTime()}
     * @param sink          receives each line (the runner's log in production)
     */
    public LogProgress(String name, long total, long intervalNanos, LongSupplier clock, Consumer<String> sink) {
        this.name = name;
        this.total = total;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
        this.sink = sink;
        this.started = clock.getAsLong();
        this.lastLine = new AtomicLong(started);
    }

    @Override
    public void step(long units) {
        long now = done.addAndGet(units);
        if (closed.get()) {
            return;
        }
        long time = clock.getAsLong();
        long last = lastLine.get();
        if (time - last >= intervalNanos && lastLine.compareAndSet(last, time)) {
            sink.accept(line(now, time));
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            sink.accept(finalLine(done.get(), clock.getAsLong()));
        }
    }

    /** Units done so far. */
    public long done() {
        return done.get();
    }

    private String line(long count, long time) {
        double seconds = (time - started) / 1e9;
        double rate = seconds > 0 ? count / seconds : 0;
        StringBuilder line = new StringBuilder(name).append(": ").append(count(count));
        if (total > 0) {
            line.append('/').append(count(total)).append(" (").append(percent(count)).append(')');
        }
        line.append(", ").append(rate(rate));
        if (total > 0) {
            line.append(", ETA ");
            line.append(rate > 0 && count <= total ? duration((total - count) / rate) : "?");
        }
        return line.toString();
    }

    private String finalLine(long count, long time) {
        double seconds = (time - started) / 1e9;
        double rate = seconds > 0 ? count / seconds : 0;
        StringBuilder line = new StringBuilder(name).append(": ");
        line.append(total > 0 && count < total ? "stopped at " : "done ").append(count(count));
        if (total > 0) {
            line.append('/').append(count(total)).append(" (").append(percent(count)).append(')');
        }
        return line.append(" in ").append(duration(seconds)).append(", ").append(rate(rate)).toString();
    }

    private String percent(long count) {
        return String.format(Locale.ROOT, "%.0f%%", 100.0 * count / total);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String rate(double perSecond) {
        return perSecond >= 100 || perSecond == 0
                ? String.format(Locale.ROOT, "%,.0f/s", perSecond)
                : String.format(Locale.ROOT, "%.2f/s", perSecond);
    }

    /** {@code m:ss}, or {@code h:mm:ss} past an hour. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
