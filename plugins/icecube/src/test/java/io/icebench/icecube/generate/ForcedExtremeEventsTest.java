package io.icebench.icecube.generate;

import io.icebench.icecube.Split;
import io.icebench.icecube.parquet.WriteOptions;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ForcedExtremeEventsTest {

    private static final GeneratorSettings SMALL_WITH_THREE =
            new GeneratorSettings(2_000, 500, 7, Split.TRAIN, 3, WriteOptions.kaggle());

    /** Pulses, DOMs and auxiliary share of one event. */
    private record EventShape(int batchIndex, int event, int pulses, int doms, double auxiliaryShare) {
    }

    @Test
    void a_2000_event_dataset_with_three_forced_extremes_holds_three_events_of_50000_to_180000_pulses() {
        List<EventShape> extremes = extremeEvents(SMALL_WITH_THREE);

        assertThat(extremes).hasSizeGreaterThanOrEqualTo(3);
        assertThat(extremes).allSatisfy(event -> assertThat(event.pulses()).isBetween(50_000, 180_000));
    }

    @Test
    void forced_extremes_hit_a_thousand_to_3500_doms_and_are_mostly_not_auxiliary() {
        List<EventShape> extremes = extremeEvents(SMALL_WITH_THREE);

        assertThat(extremes).isNotEmpty().allSatisfy(event -> {
            assertThat(event.doms()).isBetween(1_000, 3_500);
            assertThat(event.auxiliaryShare()).isLessThan(0.10);
        });
    }

    @Test
    void forced_extremes_are_spread_over_evenly_spaced_batches() {
        // Event floor((2k + 1) · 2000 / 6): 333, 1000 and 1666, in batches 0, 2 and 3 of 500 events.
        assertThat(extremeEvents(SMALL_WITH_THREE))
                .extracting(event -> event.batchIndex() * 500 + event.event())
                .containsExactly(333, 1_000, 1_666);
    }

    @Test
    void forcing_replaces_only_the_chosen_events_sizes() {
        GeneratedBatch plain = DatasetGenerator.generateBatch(SMALL_WITH_THREE.withForcedExtremeEvents(0), 2);
        GeneratedBatch forced = DatasetGenerator.generateBatch(SMALL_WITH_THREE, 2);

        assertThat(forced.eventIds()).containsExactly(plain.eventIds());
        for (int e = 0; e < plain.events(); e++) {
            if (e != 0) {
                assertThat(forced.pulsesOf(e)).as("event %d", e).isEqualTo(plain.pulsesOf(e));
            }
        }
        assertThat(forced.pulsesOf(0)).isGreaterThanOrEqualTo(50_000);
    }

    @Test
    void as_many_forced_extremes_as_events_make_every_event_extreme() {
        GeneratorSettings settings = new GeneratorSettings(4, 2, 1, Split.TEST, 4, WriteOptions.kaggle());

        assertThat(extremeEvents(settings)).hasSize(4);
    }

    @Test
    void the_summary_counts_the_extreme_events_written(@TempDir Path dataset) {
        GenerationSummary summary = DatasetGenerator.generate(SMALL_WITH_THREE, dataset, done -> { });

        assertThat(summary.extremeEvents()).isEqualTo(extremeEvents(SMALL_WITH_THREE).size());
        assertThat(summary.pulses()).isGreaterThan(150_000);
    }

    private static List<EventShape> extremeEvents(GeneratorSettings settings) {
        List<EventShape> extremes = new ArrayList<>();
        for (int b = 0; b < settings.batches(); b++) {
            GeneratedBatch batch = DatasetGenerator.generateBatch(settings, b);
            short[] sensor = batch.pulses().sensorId();
            boolean[] auxiliary = batch.pulses().auxiliary();
            for (int e = 0; e < batch.events(); e++) {
                if (batch.pulsesOf(e) < 50_000) {
                    continue;
                }
                int first = (int) batch.firstPulse()[e];
                int last = (int) batch.lastPulse()[e];
                long distinct = java.util.stream.IntStream.rangeClosed(first, last).map(i -> sensor[i]).distinct()
                        .count();
                long aux = java.util.stream.IntStream.rangeClosed(first, last).filter(i -> auxiliary[i]).count();
                extremes.add(new EventShape(b, e, batch.pulsesOf(e), (int) distinct,
                        (double) aux / batch.pulsesOf(e)));
            }
        }
        return extremes;
    }
}
