package io.icebench.plugins.forward;

import io.icebench.model.AttentionStrategy;
import io.icebench.spi.Measurement;
import io.icebench.spi.Measurements;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs {@code forward-latency} once per attention strategy with the same parameters and prints the median figures
 * and the speed-up of bucketed over full mask.
 *
 * <p>Usage: {@code StrategyComparison [dataset-folder] [key=value ...]}; without a folder, the default dataset.
 */
public final class StrategyComparison {

    private StrategyComparison() {
    }

    /** One strategy's result: median latency (ms), median achieved and matmul GFLOP/s, peak RSS (MiB). */
    public record Row(AttentionStrategy strategy, double p50Millis, double achievedGflops, double matmulGflops,
                      double peakRssMib, Measurements measurements) {
    }

    public static Map<AttentionStrategy, Row> compare(Optional<Path> dataset, Map<String, String> overrides)
            throws Exception {
        ForwardLatencyPlugin plugin = new ForwardLatencyPlugin();
        Map<AttentionStrategy, Row> rows = new LinkedHashMap<>();
        for (AttentionStrategy strategy : AttentionStrategy.values()) {
            Map<String, String> values = new LinkedHashMap<>(overrides);
            values.put("attention", strategy.label());
            Measurements result = plugin.run(StandaloneContext.of(plugin, values, dataset,
                    Path.of(System.getProperty("java.io.tmpdir"), "forward-latency")));
            rows.put(strategy, new Row(strategy, median(result, "forward_latency"), median(result, "achieved_gflops"),
                    median(result, "matmul_gflops"), median(result, "peak_rss"), result));
        }
        return rows;
    }

    /** Full-mask p50 over bucketed p50. */
    public static double speedUp(Map<AttentionStrategy, Row> rows) {
        return rows.get(AttentionStrategy.FULL_MASK).p50Millis() / rows.get(AttentionStrategy.BUCKETED).p50Millis();
    }

    public static void main(String[] args) throws Exception {
        Optional<Path> dataset = Optional.empty();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.contains("=")) {
                overrides.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                dataset = Optional.of(Path.of(arg));
            }
        }
        Map<AttentionStrategy, Row> rows = compare(dataset, overrides);
        for (Row row : rows.values()) {
            System.out.printf(Locale.ROOT, "%-9s p50 %8.1f ms  p90 %8.1f ms  max %8.1f ms  achieved %6.1f GFLOP/s"
                            + "  matmul %6.1f GFLOP/s  ratio %.3f  peak RSS %6.0f MiB  flops/batch %s%n",
                    row.strategy().label(), row.p50Millis(), quantile(row.measurements(), "forward_latency", 0.9),
                    quantile(row.measurements(), "forward_latency", 1.0), row.achievedGflops(), row.matmulGflops(),
                    row.achievedGflops() / row.matmulGflops(), row.peakRssMib(),
                    row.measurements().properties().get("flops_per_batch_median"));
        }
        System.out.printf(Locale.ROOT, "speed-up of bucketed over full_mask (p50): %.2fx%n", speedUp(rows));
    }

    private static double median(Measurements result, String metric) {
        return quantile(result, metric, 0.5);
    }

    private static double quantile(Measurements result, String metric, double q) {
        for (Measurement measurement : result.measurements()) {
            if (measurement.metric().name().equals(metric)) {
                double[] samples = measurement.samples();
                Arrays.sort(samples);
                return samples[(int) Math.min(samples.length - 1, Math.floor(q * samples.length))];
            }
        }
        throw new IllegalArgumentException("no metric " + metric);
    }
}
