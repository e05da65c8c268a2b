package io.icebench.icecube.collate;

import io.icebench.icecube.PulseBatch;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class CollatorTest {

    /** Event 0: sensors 5,7,5,9 at 100..130 ns; event 1: sensors 7,7 at 200, 250 ns. */
    private static EventSource twoEvents() {
        PulseBatch pulses = new PulseBatch(6,
                new short[] {5, 7, 5, 9, 7, 7},
                new long[] {100, 110, 120, 130, 200, 250},
                new double[] {1.025, 0.525, 2.025, 0.975, 1.475, 0.075},
                new boolean[] {true, false, true, false, false, true},
                null);
        return new EventSource(pulses, new int[] {0, 4}, new int[] {4, 6});
    }

    @Test
    void continuousBatchingFlattensEventsWithOffsetsAndEventRelativeTimes() {
        ContinuousBatch batch = new Collator().continuous(twoEvents(), new int[] {1, 0});

        assertThat(batch.eventOffsets()).containsExactly(0, 2, 6);
        assertThat(batch.sensorId()).containsExactly(7, 7, 5, 7, 5, 9);
        assertThat(batch.time()).containsExactly(0f, 50f, 0f, 10f, 20f, 30f);
        assertThat(batch.charge()).containsExactly(1.475f, 0.075f, 1.025f, 0.525f, 2.025f, 0.975f);
        assertThat(batch.auxiliary()).containsExactly(0, 1, 1, 0, 1, 0);
    }

    @Test
    void domGroupingGathersEachSensorsPulsesInTimeOrder() {
        DomBatch batch = new Collator().domGrouped(twoEvents(), new int[] {0, 1});

        assertThat(batch.domSensor()).containsExactly(5, 7, 9, 7);
        assertThat(batch.domEvent()).containsExactly(0, 0, 0, 1);
        assertThat(batch.domOffsets()).containsExactly(0, 2, 3, 4, 6);
        assertThat(batch.eventDomOffsets()).containsExactly(0, 3, 4);
        assertThat(batch.eventOffsets()).containsExactly(0, 4, 6);
        assertThat(batch.time()).containsExactly(0f, 20f, 10f, 30f, 0f, 50f);
        assertThat(batch.charge()).containsExactly(1.025f, 2.025f, 0.525f, 0.975f, 1.475f, 0.075f);
    }

    /**
     * {@code events} events of 1 to {@code maxPulses(e)} pulses on random sensors, in time order within each event,
     * with random charges.
     */
    private static EventSource randomEvents(long seed, int events, java.util.function.IntUnaryOperator maxPulses) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] first = new int[events];
        int[] end = new int[events];
        int total = 0;
        for (int e = 0; e < events; e++) {
            first[e] = total;
            total += 1 + random.nextInt(maxPulses.applyAsInt(e));
            end[e] = total;
        }
        short[] sensor = new short[total];
        long[] time = new long[total];
        double[] charge = new double[total];
        for (int e = 0; e < events; e++) {
            for (int p = first[e]; p < end[e]; p++) {
                sensor[p] = (short) random.nextInt(5160);
                time[p] = 6000 + (p - first[e]) * 3L;
                charge[p] = 0.025 + 0.05 * random.nextInt(100);
            }
        }
        return new EventSource(new PulseBatch(total, sensor, time, charge, new boolean[total], null), first, end);
    }

    @Test
    void aCollatorThatGroupedABigBatchGroupsTheNextSmallOneExactlyAsAFreshCollatorDoes() {
        EventSource source = randomEvents(11, 40, e -> e < 30 ? 2_000 : 5);
        int[] big = java.util.stream.IntStream.range(0, 30).toArray();
        int[] small = {35, 31, 38};
        Collator reused = new Collator();

        DomBatch bigBatch = reused.domGrouped(source, big);
        DomBatch afterBig = reused.domGrouped(source, small);
        DomBatch fresh = new Collator().domGrouped(source, small);

        // the DOM tables are exact-size copies: nothing of the big batch's table is left in the small one
        assertThat(afterBig.domOffsets()).containsExactly(fresh.domOffsets());
        assertThat(afterBig.domSensor()).containsExactly(fresh.domSensor());
        assertThat(afterBig.domEvent()).containsExactly(fresh.domEvent());
        assertThat(afterBig.time()).containsExactly(fresh.time());
        assertThat(afterBig.domOffsets()).hasSize(afterBig.doms() + 1);
        assertThat(bigBatch.domOffsets()).isNotSameAs(afterBig.domOffsets());
        assertThat(bigBatch.domSensor()).hasSize(bigBatch.doms());
    }

    @Test
    void domGroupingKeepsEveryPulseOfLargeRandomEvents() {
        int events = 50;
        EventSource source = randomEvents(3, events, e -> e == 7 ? 20_000 : 300);
        int total = source.pulses().size();
        double[] charge = source.pulses().charge();
        int[] all = java.util.stream.IntStream.range(0, events).toArray();

        DomBatch batch = new Collator().domGrouped(source, all);

        assertThat(batch.pulses()).isEqualTo(total);
        double chargeIn = java.util.Arrays.stream(charge).sum();
        double chargeOut = 0;
        for (float c : batch.charge()) {
            chargeOut += c;
        }
        assertThat(chargeOut).isCloseTo(chargeIn, org.assertj.core.data.Offset.offset(1e-3 * chargeIn));
        for (int d = 0; d < batch.doms(); d++) {
            for (int p = batch.domOffsets()[d] + 1; p < batch.domOffsets()[d + 1]; p++) {
                assertThat(batch.time()[p]).isGreaterThan(batch.time()[p - 1]);
            }
        }
        // Sensors are distinct within an event.
        for (int e = 0; e < events; e++) {
            java.util.Set<Short> seen = new java.util.HashSet<>();
            for (int d = batch.eventDomOffsets()[e]; d < batch.eventDomOffsets()[e + 1]; d++) {
                assertThat(seen.add(batch.domSensor()[d])).isTrue();
                assertThat(batch.domEvent()[d]).isEqualTo(e);
            }
        }
    }
}
