package io.icebench.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * The raw samples of one metric, one per measurement iteration (or per operation, for latencies), in the order they
 * were taken and after warm-up. Statistics are computed by the runner, never by the plugin.
 *
 * <p>The array is copied in and out: a measurement cannot change after it is made.
 */
public record Measurement(Metric metric, double[] samples) {

    public Measurement {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(samples, "samples");
        samples = samples.clone();
        for (double sample : samples) {
            if (!Double.isFinite(sample)) {
                throw new IllegalArgumentException("metric '" + metric.name() + "' has a sample that is not finite: "
                        + sample + "; a plugin must report only measured values");
            }
        }
    }

    public static Measurement of(Metric metric, double... samples) {
        return new Measurement(metric, samples);
    }

    /** A copy of the samples. */
    @Override
    public double[] samples() {
        return samples.clone();
    }

    public int sampleCount() {
        return samples.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Measurement that && metric.equals(that.metric) && Arrays.equals(samples, that.samples);
    }

    @Override
    public int hashCode() {
        return 31 * metric.hashCode() + Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "Measurement[" + metric.name() + ", " + samples.length + " samples " + metric.unit() + "]";
    }
}
