package io.icebench.plugins.dataloader;

import io.icebench.icecube.load.DataLoader;
import io.icebench.icecube.load.TrainingBatch;
import io.icebench.spi.Measurements;
import io.icebench.spi.Timer;
import io.icebench.spi.Yardstick;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.icebench.plugins.dataloader.DataloaderThroughputPlugin.BATCHES_PER_SECOND;
import static io.icebench.plugins.dataloader.DataloaderThroughputPlugin.BATCH_LATENCY;
import static io.icebench.plugins.dataloader.DataloaderThroughputPlugin.EPOCH_COST;
import static io.icebench.plugins.dataloader.DataloaderThroughputPlugin.EVENTS_PER_SECOND;
import static io.icebench.plugins.dataloader.DataloaderThroughputPlugin.PULSES_PER_SECOND;

/**
 * The measured epochs of one run and the figures they make. One per run, used on the runner's thread only: it
 * accumulates epoch by epoch, so a run cut short by cancellation reports the epochs that completed.
 */
final class Epochs {

    private final Timer timer;
    private final double[] eventsPerSecond;
    private final double[] pulsesPerSecond;
    private final double[] batchesPerSecond;
    private final List<double[]> latencies = new ArrayList<>();
    private long events;
    private long pulses;
    private int batches;
    private DataLoader.Stats lastStats;
    /** Folds in what a model would read first of every batch, so no collation work can be skipped as unused. */
    private long sink;

    Epochs(Timer timer, int iterations) {
        this.timer = timer;
        eventsPerSecond = new double[iterations];
        pulsesPerSecond = new double[iterations];
        batchesPerSecond = new double[iterations];
    }

    /**
     * Drains {@code loader} as a training loop would, as epoch {@code i} (a warm-up one when negative), timed by
     * {@code sample}, which the loader also reports its threads' work to.
     */
    void run(int i, DataLoader loader, Timer.Sample sample) throws InterruptedException {
        double[] waits = new double[loader.plannedBatches()];
        long epochEvents = 0;
        long epochPulses = 0;
        int epochBatches = 0;
        long previous = System.nanoTime();
        TrainingBatch batch;
        while ((batch = loader.next()) != null) {
            long now = System.nanoTime();
            waits[epochBatches++] = (now - previous) / 1e6;
            epochEvents += batch.events();
            epochPulses += batch.pulses();
            sink += consume(batch);
            previous = now;
        }
        // Closed before the loader: its threads have delivered every batch, and their work is counted.
        sample.units(epochEvents).close();
        if (i < 0) {
            return;
        }
        double seconds = sample.elapsedNanos() / 1e9;
        eventsPerSecond[i] = epochEvents / seconds;
        pulsesPerSecond[i] = epochPulses / seconds;
        batchesPerSecond[i] = epochBatches / seconds;
        latencies.add(Arrays.copyOf(waits, epochBatches));
        events = epochEvents;
        pulses = epochPulses;
        batches = epochBatches;
        lastStats = loader.stats();
    }

    /** The figures, with each epoch's CPU time in units of the yardstick's sort read before and after the epochs. */
    Measurements.Builder measurements(Yardstick.Reading before, Yardstick.Reading after) {
        double sortCpu = (before.cpuMillis() + after.cpuMillis()) / 2;
        double[] epochCost = Arrays.stream(timer.samples(Timer.Figure.THREAD_CPU_TIME))
                .map(millis -> millis / sortCpu).toArray();
        Measurements.Builder result = Measurements.builder()
                .add(EVENTS_PER_SECOND, eventsPerSecond)
                .add(PULSES_PER_SECOND, pulsesPerSecond)
                .add(BATCHES_PER_SECOND, batchesPerSecond)
                .add(BATCH_LATENCY, latencies.stream().flatMapToDouble(Arrays::stream).toArray())
                .add(EPOCH_COST, epochCost)
                .addAll(timer.measurements(Timer.Figure.UNITS_PER_SECOND))
                .property("events_per_epoch", events)
                .property("pulses_per_epoch", pulses)
                .property("batches_per_epoch", batches)
                .property("sink", sink)
                .property("yardstick_sort_cpu_ms", String.format(java.util.Locale.ROOT, "%.2f before, %.2f after",
                        before.cpuMillis(), after.cpuMillis()));
        if (lastStats != null) {
            // Where the last epoch's time went, summed over threads: says whether decode, collation or the
            // consumer bounds the loader.
            result.property("last_epoch_decode_ms", Math.round(lastStats.decodeNanos() / 1e6))
                    .property("last_epoch_collate_ms", Math.round(lastStats.collateNanos() / 1e6))
                    .property("last_epoch_workers_waiting_for_decode_ms",
                            Math.round(lastStats.waitForFileNanos() / 1e6))
                    .property("last_epoch_workers_waiting_for_queue_ms",
                            Math.round(lastStats.waitForQueueNanos() / 1e6));
        }
        return result;
    }

    private static long consume(TrainingBatch batch) {
        if (batch.grouped() != null) {
            return batch.grouped().doms() + Float.floatToIntBits(batch.grouped().charge()[0]);
        }
        return Float.floatToIntBits(batch.continuous().charge()[0]) + batch.continuous().pulses();
    }
}
