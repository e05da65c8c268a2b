package io.icebench.runner.progress;

import io.icebench.spi.Progress;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Progress as a bar with rate and ETA redrawn in place on a terminal (me.tongfei:progressbar), on stderr so stdout
 * keeps only the command's output. The library's state is synchronized, so steps may come from any thread.
 */
final class BarProgress implements Progress {

    private final ProgressBar bar;
    private final AtomicBoolean closed = new AtomicBoolean();

    BarProgress(String name, long total, PrintStream out) {
        this.bar = new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(total > 0 ? total : -1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new InteractiveConsoleProgressBarConsumer(out))
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .build();
    }

    @Override
    public void step(long units) {
        bar.stepBy(units);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            bar.close();
        }
    }
}
