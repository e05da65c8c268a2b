package io.icebench.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one plugin run produced: raw samples per metric, and for exploratory plugins tables and series.
 *
 * @param measurements one per metric, metric names unique
 * @param tables       exploratory tables; may be empty
 * @param series       exploratory chart data; may be empty
 * @param properties   facts about the run worth keeping beside the numbers (dataset, sizes, library versions),
 *                     in the order given; may be empty
 */
public record Measurements(List<Measurement> measurements, List<Table> tables, List<Series> series,
                           Map<String, String> properties) {

    public Measurements {
        measurements = List.copyOf(measurements);
        tables = List.copyOf(tables);
        series = List.copyOf(series);
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        var seen = new java.util.HashSet<String>();
        for (Measurement measurement : measurements) {
            if (!seen.add(measurement.metric().name())) {
                throw new IllegalArgumentException("metric '" + measurement.metric().name()
                        + "' is reported twice; report all its samples in one measurement");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the output of a run; not thread-safe. */
    public static final class Builder {
        private final List<Measurement> measurements = new ArrayList<>();
        private final List<Table> tables = new ArrayList<>();
        private final List<Series> series = new ArrayList<>();
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder add(Measurement measurement) {
            measurements.add(Objects.requireNonNull(measurement));
            return this;
        }

        /** Adds each measurement, such as a {@link Timer}'s. @since SPI 1.3 */
        public Builder addAll(java.util.Collection<Measurement> all) {
            all.forEach(this::add);
            return this;
        }

        public Builder add(Metric metric, double... samples) {
            return add(new Measurement(metric, samples));
        }

        public Builder table(Table table) {
            tables.add(Objects.requireNonNull(table));
            return this;
        }

        public Builder series(Series one) {
            series.add(Objects.requireNonNull(one));
            return this;
        }

        public Builder property(String key, Object value) {
            properties.put(Objects.requireNonNull(key), String.valueOf(value));
            return this;
        }

        public Measurements build() {
            return new Measurements(measurements, tables, series, properties);
        }
    }
}
