package io.icebench.runner.progress;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Log-line progress against a hand-driven clock: nothing sleeps. */
class LogProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final List<String> lines = new ArrayList<>();

    private LogProgress progress(long total) {
        return new LogProgress("io: timed reads", total, 10 * SECOND, clock::get, lines::add);
    }

    @Test
    void writesALineAtMostEveryIntervalWithDoneTotalPercentRateAndEta() {
        LogProgress progress = progress(40);

        progress.step(5); // 0 s: too soon
        clock.addAndGet(4 * SECOND);
        progress.step(5); // 4 s: too soon
        clock.addAndGet(6 * SECOND);
        progress.step(10); // 10 s: 20 of 40 at 2/s, 10 s to go
        clock.addAndGet(5 * SECOND);
        progress.step(); // 5 s after the last line: too soon

        assertThat(lines).containsExactly("io: timed reads: 20/40 (50%), 2.00/s, ETA 0:10");
    }

    @Test
    void closingWritesOneFinalLineWithTheElapsedTime() {
        LogProgress progress = progress(1_000_000);
        clock.addAndGet(75 * SECOND);
        progress.step(1_000_000);
        lines.clear();

        progress.close();
        progress.close();
        progress.step(); // after close: counted, not written

        assertThat(lines).containsExactly("io: timed reads: done 1,000,000/1,000,000 (100%) in 1:15, 13,333/s");
        assertThat(progress.done()).isEqualTo(1_000_001);
    }

    @Test
    void aTaskClosedShortOfItsTotalSaysWhereItStopped() {
        LogProgress progress = progress(10);
        clock.addAndGet(3 * SECOND);
        progress.step(3);

        progress.close();

        assertThat(lines).containsExactly("io: timed reads: stopped at 3/10 (30%) in 0:03, 1.00/s");
    }

    @Test
    void anUnknownTotalShowsCountAndRateOnly() {
        LogProgress progress = progress(0);
        clock.addAndGet(10 * SECOND);
        progress.step(500);
        progress.close();

        assertThat(lines).containsExactly("io: timed reads: 500, 50.00/s", "io: timed reads: done 500 in 0:10, 50.00/s");
    }

    @Test
    void stepsFromManyThreadsAreAllCounted() throws Exception {
        LogProgress progress = new LogProgress("x", 8_000, 0, System::nanoTime, line -> { });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 8; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 1_000; i++) {
                    progress.step();
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(progress.done()).isEqualTo(8_000);
    }

    @Test
    void durationsPastAnHourShowHours() {
        assertThat(LogProgress.duration(59.6)).isEqualTo("1:00");
        assertThat(LogProgress.duration(3 * 3600 + 62)).isEqualTo("3:01:02");
    }
}
