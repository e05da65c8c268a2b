package io.icebench.spi;

import io.icebench.spi.report.Summary;

import java.util.Arrays;
import java.util.Objects;

/** One metric of a plugin run: its raw samples and their statistics. The samples array is copied in and out. */
public record MetricReport(Metric metric, double[] samples, Summary summary) {

    public MetricReport {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(summary, "summary");
        samples = samples.clone();
    }

    @Override
    public double[] samples() {
        return samples.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MetricReport that && metric.equals(that.metric)
                && Arrays.equals(samples, that.samples) && summary.equals(that.summary);
    }

    @Override
    public int hashCode() {
        return Objects.hash(metric, Arrays.hashCode(samples), summary);
    }

    @Override
    public String toString() {
        return "MetricReport[" + metric.name() + ", " + summary + "]";
    }
}
