package io.icebench.runner.progress;

import io.icebench.spi.Progress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Progress as a bar with rate and ETA redrawn in place on a terminal (me.tongfei:progressbar), on stderr so stdout
 * keeps only the command's output. The library's state is synchronized, so steps may come from any thread.
 *
 * <p>Log lines go to stderr too. So that one never lands glued to the end of the bar, a handler placed first on
 * the root logger clears the bar's line before the console handler prints the record; the bar is redrawn under
 * the log line at its next refresh (every 250 ms).
 */
final class BarProgress implements Progress {

    /** Carriage return, then erase to the end of the line. */
    private static final String CLEAR_LINE = "\r\u001b[K";

    private final ProgressBar bar;
    private final ClearBeforeLog guard;
    private final AtomicBoolean closed = new AtomicBoolean();

    BarProgress(String name, long total, PrintStream out) {
        this.bar = new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(total > 0 ? total : -1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .build();
        this.guard = ClearBeforeLog.install(out);
    }

    @Override
    public void step(long units) {
        bar.stepBy(units);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            guard.uninstall();
            bar.close();
        }
    }

    /** Clears the bar's line before each log record the root logger's other handlers print. */
    private static final class ClearBeforeLog extends Handler {
        private final PrintStream out;

        private ClearBeforeLog(PrintStream out) {
            this.out = out;
        }

        static ClearBeforeLog install(PrintStream out) {
            ClearBeforeLog guard = new ClearBeforeLog(out);
            Logger root = Logger.getLogger("");
            synchronized (ClearBeforeLog.class) {
                // Handlers run in the order they were added: put this one first.
                Handler[] others = root.getHandlers();
                for (Handler handler : others) {
                    root.removeHandler(handler);
                }
                root.addHandler(guard);
                for (Handler handler : others) {
                    root.addHandler(handler);
                }
            }
            return guard;
        }

        void uninstall() {
            synchronized (ClearBeforeLog.class) {
                Logger.getLogger("").removeHandler(this);
            }
        }

        @Override
        public void publish(LogRecord record) {
            synchronized (out) {
                out.print(CLEAR_LINE);
                out.flush();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
