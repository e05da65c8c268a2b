package io.icebench.icecube.generate;

import io.icebench.icecube.Geometry;
import io.icebench.icecube.PulseBatch;
import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.descriptive.Statistic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * One real-sized batch (200,000 events, about 33 million pulses) measured against the figures of the real
 * training set in DATA.md. Tolerances allow for the sampling noise of 200,000 events (the heavy tail makes the
 * mean pulse count's standard error about 2.6) and for the model being a model.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GeneratorStatisticsTest {

    private static final int EVENTS = 200_000;

    private static GeneratedBatch batch;
    private static int[] pulsesPerEvent;
    private static int[] domsPerEvent;
    private static long domHits;
    private static long domHitsWithOnePulse;
    private static long domHitsWithTwoPulses;

    @BeforeAll
    static void generate_one_real_sized_batch() {
        batch = DatasetGenerator.generateBatch(GeneratorSettings.of(EVENTS, EVENTS, 20_240_601L), 0);
        pulsesPerEvent = new int[batch.events()];
        domsPerEvent = new int[batch.events()];
        short[] sensor = batch.pulses().sensorId();
        int[] pulsesOnDom = new int[Geometry.SENSORS];
        for (int e = 0; e < batch.events(); e++) {
            int first = (int) batch.firstPulse()[e];
            int last = (int) batch.lastPulse()[e];
            pulsesPerEvent[e] = last - first + 1;
            int doms = 0;
            for (int i = first; i <= last; i++) {
                if (pulsesOnDom[sensor[i]]++ == 0) {
                    doms++;
                }
            }
            for (int i = first; i <= last; i++) {
                int count = pulsesOnDom[sensor[i]];
                if (count > 0) {
                    domHits++;
                    domHitsWithOnePulse += count == 1 ? 1 : 0;
                    domHitsWithTwoPulses += count == 2 ? 1 : 0;
                    pulsesOnDom[sensor[i]] = 0;
                }
            }
            domsPerEvent[e] = doms;
        }
    }

    @Test
    void the_batch_holds_200000_events_with_every_column() {
        assertThat(batch.events()).isEqualTo(EVENTS);
        assertThat(batch.pulses().columns()).hasSize(5);
        assertThat(batch.lastPulse()[EVENTS - 1] + 1).isEqualTo(batch.pulses().size());
    }

    @Test
    void pulses_per_event_have_the_real_quantiles() {
        double[] q = Quantile.withDefaults().withCopy(true).evaluate(pulsesPerEvent, 0.25, 0.5, 0.75, 0.90, 0.95, 0.99);
        assertThat(Arrays.stream(pulsesPerEvent).min().orElseThrow()).isGreaterThanOrEqualTo(5);
        assertThat(q[0]).as("p25").isCloseTo(48, within(5.0));
        assertThat(q[1]).as("median").isCloseTo(63, within(5.0));
        assertThat(q[2]).as("p75").isCloseTo(89, within(8.0));
        assertThat(q[3]).as("p90").isCloseTo(145, within(20.0));
        assertThat(q[4]).as("p95").isCloseTo(222, within(35.0));
        assertThat(q[5]).as("p99").isCloseTo(1000, within(250.0));
    }

    @Test
    void pulses_per_event_average_164_because_of_the_heavy_tail() {
        DoubleStatistics stats = DoubleStatistics.of(Statistic.MEAN, Statistic.MAX);
        Arrays.stream(pulsesPerEvent).forEach(stats::accept);
        assertThat(stats.getAsDouble(Statistic.MEAN)).isCloseTo(164, within(25.0));
        assertThat(stats.getAsDouble(Statistic.MAX)).isLessThanOrEqualTo(180_000);
        // P(>10,000 pulses) is 0.28%: about 570 of 200,000 events. Rarer tails are left to
        // ForcedExtremeEventsTest: a batch may hold no 100,000-pulse event at all.
        assertThat(Arrays.stream(pulsesPerEvent).filter(p -> p >= 10_000).count()).isBetween(450L, 700L);
    }

    @Test
    void events_hit_about_50_doms_at_the_median_and_60_on_average() {
        assertThat(Median.withDefaults().withCopy(true).evaluate(domsPerEvent)).isCloseTo(50, within(12.0));
        DoubleStatistics stats = DoubleStatistics.of(Statistic.MEAN, Statistic.STANDARD_DEVIATION);
        Arrays.stream(domsPerEvent).forEach(stats::accept);
        assertThat(stats.getAsDouble(Statistic.MEAN)).isCloseTo(60, within(10.0));
        assertThat(stats.getAsDouble(Statistic.STANDARD_DEVIATION)).isCloseTo(55, within(20.0));
    }

    @Test
    void most_dom_hits_have_one_pulse_and_some_two() {
        assertThat((double) domHitsWithOnePulse / domHits).isCloseTo(0.81, within(0.05));
        assertThat((double) domHitsWithTwoPulses / domHits).isCloseTo(0.13, within(0.04));
    }

    @Test
    void charges_are_quantised_with_the_real_median_and_mean() {
        double[] charge = batch.pulses().charge();
        long offGrid = 0;
        DoubleStatistics stats = DoubleStatistics.of(Statistic.MEAN, Statistic.MIN, Statistic.MAX);
        for (double c : charge) {
            long n = Math.round((c - 0.025) / 0.05);
            if (n < 0 || c != 0.025 + 0.05 * n) {
                offGrid++;
            }
            stats.accept(c);
        }
        assertThat(offGrid).as("charges not of the form 0.025 + 0.05·n").isZero();
        assertThat(Median.withDefaults().withCopy(true).evaluate(charge)).isCloseTo(1.075, within(0.1));
        assertThat(stats.getAsDouble(Statistic.MEAN)).isCloseTo(3.91, within(0.8));
        assertThat(stats.getAsDouble(Statistic.MIN)).isEqualTo(0.025);
        assertThat(stats.getAsDouble(Statistic.MAX)).isBetween(2000.0, 2762.0);
    }

    @Test
    void ordinary_events_have_64_percent_auxiliary_pulses_and_the_largest_almost_none() {
        boolean[] auxiliary = batch.pulses().auxiliary();
        long ordinary = 0;
        long ordinaryAuxiliary = 0;
        long large = 0;
        long largeAuxiliary = 0;
        for (int e = 0; e < batch.events(); e++) {
            int first = (int) batch.firstPulse()[e];
            int last = (int) batch.lastPulse()[e];
            long aux = 0;
            for (int i = first; i <= last; i++) {
                aux += auxiliary[i] ? 1 : 0;
            }
            if (pulsesPerEvent[e] < 1_000) {
                ordinary += pulsesPerEvent[e];
                ordinaryAuxiliary += aux;
            } else if (pulsesPerEvent[e] >= 40_000) {
                large += pulsesPerEvent[e];
                largeAuxiliary += aux;
            }
        }
        assertThat((double) ordinaryAuxiliary / ordinary).isCloseTo(0.64, within(0.05));
        if (large > 0) {
            assertThat((double) largeAuxiliary / large).isLessThan(0.05);
        }
    }

    @Test
    void times_are_sorted_within_each_event_and_events_span_about_11_6_microseconds() {
        long[] time = batch.pulses().time();
        long unsorted = 0;
        double[] spans = new double[batch.events()];
        for (int e = 0; e < batch.events(); e++) {
            int first = (int) batch.firstPulse()[e];
            int last = (int) batch.lastPulse()[e];
            for (int i = first + 1; i <= last; i++) {
                unsorted += time[i] < time[i - 1] ? 1 : 0;
            }
            spans[e] = time[last] - time[first];
        }
        assertThat(unsorted).isZero();
        assertThat(Median.withDefaults().withCopy(true).evaluate(spans)).isCloseTo(11_600, within(1_500.0));
        DoubleStatistics stats = DoubleStatistics.of(Statistic.STANDARD_DEVIATION);
        Arrays.stream(spans).forEach(stats::accept);
        assertThat(stats.getAsDouble(Statistic.STANDARD_DEVIATION)).isCloseTo(2_600, within(1_000.0));
    }

    @Test
    void times_lie_in_the_real_range_around_the_real_median() {
        long[] time = batch.pulses().time();
        assertThat(Arrays.stream(time).min().orElseThrow()).isBetween(5_714L, 6_000L);
        assertThat(Arrays.stream(time).max().orElseThrow()).isLessThanOrEqualTo(77_785L);
        double median = Median.withDefaults().evaluate(Arrays.stream(time).asDoubleStream().toArray());
        assertThat(median).isCloseTo(11_815, within(600.0));
    }

    @Test
    void rows_are_sorted_by_event_and_carry_the_meta_event_id() {
        long[] eventIdColumn = batch.pulses().eventId();
        long[] eventIds = batch.eventIds();
        long mismatched = 0;
        for (int e = 0; e < batch.events(); e++) {
            if (e > 0) {
                assertThat(eventIds[e]).isGreaterThan(eventIds[e - 1]);
                assertThat(batch.firstPulse()[e]).isEqualTo(batch.lastPulse()[e - 1] + 1);
            }
            for (int i = (int) batch.firstPulse()[e]; i <= batch.lastPulse()[e]; i++) {
                mismatched += eventIdColumn[i] != eventIds[e] ? 1 : 0;
            }
        }
        assertThat(batch.firstPulse()[0]).isZero();
        assertThat(mismatched).isZero();
    }

    @Test
    void azimuth_is_uniform_and_zenith_uniform_in_cosine() {
        DoubleStatistics azimuth = DoubleStatistics.of(Statistic.MEAN, Statistic.MIN, Statistic.MAX);
        DoubleStatistics cosZenith = DoubleStatistics.of(Statistic.MEAN);
        DoubleStatistics zenith = DoubleStatistics.of(Statistic.MEAN);
        for (int e = 0; e < batch.events(); e++) {
            azimuth.accept(batch.azimuth()[e]);
            cosZenith.accept(Math.cos(batch.zenith()[e]));
            zenith.accept(batch.zenith()[e]);
        }
        assertThat(azimuth.getAsDouble(Statistic.MEAN)).isCloseTo(Math.PI, within(0.05));
        assertThat(azimuth.getAsDouble(Statistic.MIN)).isGreaterThanOrEqualTo(0);
        assertThat(azimuth.getAsDouble(Statistic.MAX)).isLessThan(2 * Math.PI);
        assertThat(cosZenith.getAsDouble(Statistic.MEAN)).isCloseTo(0, within(0.02));
        // DATA.md: real zenith mean 1.534; uniform in cosine gives π/2.
        assertThat(zenith.getAsDouble(Statistic.MEAN)).isCloseTo(1.534, within(0.05));
    }

    @Test
    void sensor_ids_are_real_and_distinct_doms_per_event_are_real_sensors() {
        short[] sensor = batch.pulses().sensorId();
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        boolean[] used = new boolean[Geometry.SENSORS];
        for (short id : sensor) {
            min = Math.min(min, id);
            max = Math.max(max, id);
            if (id >= 0 && id < Geometry.SENSORS) {
                used[id] = true;
            }
        }
        assertThat(min).isGreaterThanOrEqualTo(0);
        assertThat(max).isLessThanOrEqualTo(Geometry.SENSORS - 1);
        int usedCount = 0;
        for (boolean u : used) {
            usedCount += u ? 1 : 0;
        }
        assertThat(usedCount).as("DOMs hit at least once in 200,000 events").isEqualTo(Geometry.SENSORS);
    }

    @Test
    void an_events_doms_are_clustered_far_more_tightly_than_random_doms() {
        Geometry geometry = Geometry.embedded();
        PulseBatch pulses = batch.pulses();
        short[] sensor = pulses.sensorId();
        SplittableRandom random = new SplittableRandom(1);
        int sampled = 0;
        double[] eventSpread = new double[batch.events() / 50 + 1];
        double[] randomSpread = new double[eventSpread.length];
        boolean[] seen = new boolean[Geometry.SENSORS];
        int[] doms = new int[Geometry.SENSORS];
        for (int e = 0; e < batch.events(); e += 50) {
            int count = 0;
            for (int i = (int) batch.firstPulse()[e]; i <= batch.lastPulse()[e]; i++) {
                if (!seen[sensor[i]]) {
                    seen[sensor[i]] = true;
                    doms[count++] = sensor[i];
                }
            }
            for (int k = 0; k < count; k++) {
                seen[doms[k]] = false;
            }
            if (count < 2 || count > 500) {
                continue;
            }
            int[] uniform = random.ints(count, 0, Geometry.SENSORS).toArray();
            eventSpread[sampled] = meanHorizontalDistance(geometry, doms, count);
            randomSpread[sampled] = meanHorizontalDistance(geometry, uniform, count);
            sampled++;
        }
        double event = Median.withDefaults().withCopy(true).evaluate(Arrays.copyOf(eventSpread, sampled));
        double uniform = Median.withDefaults().withCopy(true).evaluate(Arrays.copyOf(randomSpread, sampled));
        assertThat(sampled).isGreaterThan(3_000);
        assertThat(uniform).as("median mean pairwise distance of random DOMs, m").isBetween(400.0, 700.0);
        assertThat(event).as("median mean pairwise distance of an event's DOMs, m").isLessThan(uniform / 3);
    }

    private static double meanHorizontalDistance(Geometry geometry, int[] ids, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            for (int j = i + 1; j < count; j++) {
                sum += Math.hypot(geometry.x(ids[i]) - geometry.x(ids[j]), geometry.y(ids[i]) - geometry.y(ids[j]));
            }
        }
        return sum / ((double) count * (count - 1) / 2);
    }
}
