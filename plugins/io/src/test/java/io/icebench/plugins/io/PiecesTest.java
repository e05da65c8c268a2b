package io.icebench.plugins.io;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PiecesTest {

    @Nested
    class DistributionOf {

        @Test
        void oneToHundredHasTheQuantilesNumpyGives() {
            Distribution d = Distribution.of(IntStream.rangeClosed(1, 100).toArray());
            assertThat(d.count()).isEqualTo(100);
            assertThat(d.min()).isEqualTo(1.0);
            assertThat(d.max()).isEqualTo(100.0);
            assertThat(d.mean()).isEqualTo(50.5);
            // numpy.percentile(range(1, 101), [50, 95, 99, 99.9]) == [50.5, 95.05, 99.01, 99.901]
            assertThat(d.median()).isEqualTo(50.5);
            assertThat(d.p95()).isCloseTo(95.05, within(1e-9));
            assertThat(d.p99()).isCloseTo(99.01, within(1e-9));
            assertThat(d.p999()).isCloseTo(99.901, within(1e-9));
        }
    }

    @Nested
    class LogHistogramOf {

        @Test
        void countsEveryValueOnceWithTheMaximumInTheLastBin() {
            int[] values = IntStream.rangeClosed(1, 1000).toArray();
            LogHistogram h = LogHistogram.of(values, 10);
            assertThat(h.bins()).isEqualTo(10);
            assertThat(h.edges()[0]).isEqualTo(1);
            assertThat(h.edges()[10]).isEqualTo(1001);
            assertThat(h.edges()).isSorted().doesNotHaveDuplicates();
            assertThat(java.util.Arrays.stream(h.counts()).sum()).isEqualTo(1000);
            assertThat(h.counts()[9]).isEqualTo(1001 - h.edges()[9]);
        }

        @Test
        void binsNarrowerThanOneMergeSoSmallRangesHaveFewerBins() {
            LogHistogram h = LogHistogram.of(new int[] {5, 5, 6}, 30);
            assertThat(h.edges()).containsExactly(5, 6, 7);
            assertThat(h.counts()).containsExactly(2, 1);
            assertThat(h.label(0)).isEqualTo("5");
        }

        @Test
        void labelsNameTheInclusiveRange() {
            LogHistogram h = LogHistogram.of(new int[] {10, 1000}, 2);
            assertThat(h.label(0)).isEqualTo("10-99");
            assertThat(h.label(1)).isEqualTo("100-1000");
        }
    }

    @Nested
    class ProcMemory {

        @Test
        void parsesKilobyteFields() {
            assertThat(ProcessMemory.parseKilobytes("\t  123456 kB")).isEqualTo(123456);
        }

        @Test
        void residentMemoryIsReadOnLinux() {
            org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/status")));
            assertThat(ProcessMemory.rss().orElseThrow()).isGreaterThan(1 << 20);
            assertThat(ProcessMemory.peakRss().orElseThrow()).isGreaterThan(1 << 20);
        }
    }
}
