package io.icebench.icecube.generate;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EventSynthesizerTest {

    @Test
    void selecting_the_smallest_keys_moves_exactly_them_to_the_front() {
        SplittableRandom random = new SplittableRandom(1);
        for (int trial = 0; trial < 2_000; trial++) {
            int count = 1 + random.nextInt(600);
            int k = 1 + random.nextInt(count);
            long[] keys = random.longs(count, 0, 1_000_000).distinct().toArray();
            count = keys.length;
            k = Math.min(k, count);
            long[] sorted = keys.clone();
            Arrays.sort(sorted);

            EventSynthesizer.selectSmallest(keys, count, k);

            long[] front = Arrays.copyOf(keys, k);
            Arrays.sort(front);
            assertThat(front).isEqualTo(Arrays.copyOf(sorted, k));
        }
    }

    @Test
    void charges_are_on_the_grid_between_0_025_and_2762() {
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 1_000_000; i++) {
            double charge = EventSynthesizer.charge(random);
            long n = Math.round((charge - 0.025) / 0.05);
            assertThat(charge).isEqualTo(0.025 + 0.05 * n).isBetween(0.025, 2762.0);
        }
    }

    @Test
    void an_event_hits_at_least_one_and_at_most_its_pulses_and_3400_doms() {
        SplittableRandom random = new SplittableRandom(3);
        for (int pulses : new int[] {5, 6, 20, 63, 1_000, 100_000, 180_000}) {
            for (int i = 0; i < 1_000; i++) {
                assertThat(EventSynthesizer.domCount(random, pulses)).isBetween(1, Math.min(pulses, 3_400));
            }
        }
    }

    @Test
    void a_100000_pulse_event_hits_about_2000_doms() {
        SplittableRandom random = new SplittableRandom(4);
        double sum = 0;
        for (int i = 0; i < 1_000; i++) {
            sum += EventSynthesizer.domCount(random, 100_000);
        }
        assertThat(sum / 1_000).isBetween(1_900.0, 2_300.0);
    }

    @Test
    void an_event_fills_exactly_its_rows_with_distinct_doms_sorted_by_time() {
        EventSynthesizer synthesizer = new EventSynthesizer();
        SplittableRandom random = new SplittableRandom(5);
        int pulses = 500;
        int offset = 7;
        short[] sensor = new short[offset + pulses + 3];
        long[] time = new long[sensor.length];
        double[] charge = new double[sensor.length];
        boolean[] auxiliary = new boolean[sensor.length];
        Arrays.fill(time, -1);

        synthesizer.write(random, pulses, 1.0, 2.0, sensor, time, charge, auxiliary, offset);

        assertThat(time[offset - 1]).isEqualTo(-1);
        assertThat(time[offset + pulses]).isEqualTo(-1);
        long[] rows = Arrays.copyOfRange(time, offset, offset + pulses);
        assertThat(rows).isSorted();
        assertThat(rows[pulses - 1] - rows[0]).isBetween(4_000L, 24_000L);
        assertThat(Arrays.stream(charge, offset, offset + pulses).min().orElseThrow()).isGreaterThanOrEqualTo(0.025);
    }
}
