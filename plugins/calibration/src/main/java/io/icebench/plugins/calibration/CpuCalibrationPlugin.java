package io.icebench.plugins.calibration;

import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.ParameterSpec;
import io.icebench.spi.PluginContext;
import io.icebench.spi.PluginKind;
import io.icebench.spi.Timer;
import io.icebench.spi.Unit;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Times a fixed amount of real CPU and memory work: sorting a seeded array of longs and checksumming a buffer.
 *
 * <p>It measures the machine, not the pipeline: its figures tell whether a slow gate elsewhere in the same run
 * is the code's fault or the machine's (a shared CI runner under load slows this one too). It is also the
 * smallest complete example of a gate plugin.
 */
public final class CpuCalibrationPlugin implements BenchmarkPlugin {

    public static final String ID = "cpu-calibration";

    static final Metric SORT_TIME = Metric.lowerIsBetter("sort_time", Unit.MILLISECONDS,
            "time to sort the seeded array of longs once");
    static final Metric CHECKSUM_THROUGHPUT = Metric.higherIsBetter("checksum_throughput",
            Unit.MEBIBYTES_PER_SECOND, "CRC32C over the buffer, from memory");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public PluginKind kind() {
        return PluginKind.REGRESSION_GATE;
    }

    @Override
    public String description() {
        return "Machine yardstick: sorts seeded longs and checksums a buffer (real CPU and memory work)";
    }

    @Override
    public List<Metric> metrics() {
        List<Metric> metrics = new java.util.ArrayList<>(List.of(SORT_TIME, CHECKSUM_THROUGHPUT));
        metrics.addAll(Timer.metricsOf("sort", null, Timer.Figure.WALL_TIME));
        metrics.addAll(Timer.metricsOf("checksum", null, Timer.Figure.WALL_TIME));
        return metrics;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.of("elements", ParameterSpec.Type.INT, 1_000_000, "longs sorted per iteration"),
                ParameterSpec.of("buffer_mib", ParameterSpec.Type.INT, 64, "MiB checksummed per iteration"),
                ParameterSpec.warmupIterations(3, "sorts and checksums, so the JIT has compiled the loops"),
                ParameterSpec.iterations(10, "sorts and checksums"),
                ParameterSpec.of("seed", ParameterSpec.Type.LONG, 42, "seed of the array's contents"));
    }

    @Override
    public Measurements run(PluginContext context) {
        var parameters = context.parameters();
        int elements = positive(parameters.getInt("elements"), "elements");
        int bufferMib = positive(parameters.getInt("buffer_mib"), "buffer_mib");
        int warmup = parameters.warmupIterations();
        int iterations = parameters.iterations();

        long[] source = new SplittableRandom(parameters.getLong("seed")).longs(elements).toArray();
        long[] work = new long[elements];
        byte[] buffer = new byte[bufferMib << 20];
        new SplittableRandom(parameters.getLong("seed") + 1).nextBytes(buffer);

        Timer sorts = context.timer("sort", null);
        Timer checksums = context.timer("checksum", null);
        long sink = 0;
        for (int i = -warmup; i < iterations && !context.isCancelled(); i++) {
            System.arraycopy(source, 0, work, 0, elements);
            try (Timer.Sample sample = i < 0 ? sorts.warmup() : sorts.start()) {
                Arrays.sort(work);
            }
            sink += work[elements / 2];

            CRC32C crc = new CRC32C();
            try (Timer.Sample sample = i < 0 ? checksums.warmup() : checksums.start()) {
                crc.update(buffer, 0, buffer.length);
            }
            sink += crc.getValue();
        }
        double[] sortMillis = sorts.samples(Timer.Figure.WALL_TIME);
        double[] checksumMibPerSecond = java.util.Arrays.stream(checksums.samples(Timer.Figure.WALL_TIME))
                .map(millis -> bufferMib / (millis / 1e3)).toArray();
        return Measurements.builder()
                .add(SORT_TIME, sortMillis)
                .add(CHECKSUM_THROUGHPUT, checksumMibPerSecond)
                .addAll(sorts.measurements(Timer.Figure.WALL_TIME))
                .addAll(checksums.measurements(Timer.Figure.WALL_TIME))
                .property("elements", elements)
                .property("buffer_mib", bufferMib)
                .property("warmup_iterations", warmup)
                // Consumed so the JIT cannot prove the work dead.
                .property("checksum", Long.toHexString(sink))
                .build();
    }

    private static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException("parameter '" + name + "' must be positive, was " + value);
        }
        return value;
    }
}
