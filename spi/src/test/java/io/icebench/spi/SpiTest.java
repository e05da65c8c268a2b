package io.icebench.spi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpiTest {

    @Test
    void aPluginBuiltForAnOlderMinorVersionIsCompatible() {
        assertThat(Spi.isCompatible("1.0")).isTrue();
        assertThat(Spi.isCompatible("1.1")).isTrue();
        assertThat(Spi.isCompatible("1.2")).isTrue();
    }

    @Test
    void aPluginBuiltForAnotherMajorOrANewerMinorIsNot() {
        assertThat(Spi.isCompatible("2.0")).isFalse();
        assertThat(Spi.isCompatible("1.9")).isFalse();
        assertThat(Spi.isCompatible("0.9")).isFalse();
        assertThat(Spi.isCompatible("one")).isFalse();
        assertThat(Spi.isCompatible(null)).isFalse();
    }

    @Test
    void aReportWriterBuiltBeforeTheReportTypesMovedIsNotCompatibleThoughAPluginOfThatVersionIs() {
        assertThat(Spi.isCompatible("1.4")).isTrue();
        assertThat(Spi.isCompatibleWriter("1.4")).isFalse();
        assertThat(Spi.isCompatibleWriter("1.0")).isFalse();
        assertThat(Spi.isCompatibleWriter(Spi.OLDEST_REPORT_WRITER)).isTrue();
        assertThat(Spi.isCompatibleWriter(Spi.VERSION)).isTrue();
        assertThat(Spi.isCompatibleWriter("1.99")).isFalse();
        assertThat(Spi.isCompatibleWriter("2.0")).isFalse();
        assertThat(Spi.isCompatibleWriter(null)).isFalse();
    }

    @Test
    void aMeasurementCannotBeChangedAfterItIsMade() {
        double[] samples = {1, 2, 3};
        Measurement measurement = Measurement.of(Metric.lowerIsBetter("latency", Unit.MILLISECONDS, ""), samples);
        samples[0] = 99;
        measurement.samples()[1] = 99;

        assertThat(measurement.samples()).containsExactly(1, 2, 3);
    }

    @Test
    void aSampleThatIsNotFiniteIsRejected() {
        Metric metric = Metric.higherIsBetter("rate", Unit.OPERATIONS_PER_SECOND, "");

        assertThatThrownBy(() -> Measurement.of(metric, 1, Double.NaN))
                .hasMessageContaining("metric 'rate' has a sample that is not finite");
    }

    @Test
    void aMetricIsReportedOnlyOnce() {
        Metric metric = Metric.higherIsBetter("rate", Unit.OPERATIONS_PER_SECOND, "");

        assertThatThrownBy(() -> Measurements.builder().add(metric, 1).add(metric, 2).build())
                .hasMessageContaining("metric 'rate' is reported twice");
    }
}
