package io.icebench.icecube.pack;

import io.icebench.icecube.collate.Collator;
import io.icebench.icecube.collate.DomBatch;
import io.icebench.icecube.collate.EventSource;
import io.icebench.icecube.generate.DatasetGenerator;
import io.icebench.icecube.generate.GeneratedBatch;
import io.icebench.icecube.generate.GeneratorSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DomPackerTest {

    /** One generated batch of 2,000 events with one forced extreme event, grouped by DOM. */
    private static DomBatch generated;
    /** The extreme event alone. */
    private static DomBatch extreme;

    @BeforeAll
    static void generate() {
        GeneratedBatch batch = DatasetGenerator.generateBatch(
                GeneratorSettings.of(2000, 2000, 3).withForcedExtremeEvents(1), 0);
        int n = batch.events();
        int[] first = new int[n];
        int[] end = new int[n];
        int biggest = 0;
        for (int e = 0; e < n; e++) {
            first[e] = (int) batch.firstPulse()[e];
            end[e] = (int) batch.lastPulse()[e] + 1;
            if (batch.pulsesOf(e) > batch.pulsesOf(biggest)) {
                biggest = e;
            }
        }
        EventSource source = new EventSource(batch.pulses(), first, end);
        int[] all = new int[n];
        for (int e = 0; e < n; e++) {
            all[e] = e;
        }
        generated = new Collator().domGrouped(source, all);
        extreme = new Collator().domGrouped(source, new int[] {biggest});
    }

    @ParameterizedTest
    @EnumSource(PackingAlgorithm.class)
    void everyAlgorithmKeepsTheInvariantsOnRandomBatches(PackingAlgorithm algorithm) {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 40; round++) {
            DomBatch batch = randomBatch(random, 1 + random.nextInt(20));
            for (int maxSeqLen : new int[] {1, 7, 64, 512}) {
                for (OversizePolicy policy : OversizePolicy.values()) {
                    checkInvariants(batch, DomPacker.pack(batch, maxSeqLen, algorithm, policy), maxSeqLen, policy);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PackingAlgorithm.class)
    void everyAlgorithmKeepsTheInvariantsOnTheGeneratedBatchAndItsExtremeEvent(PackingAlgorithm algorithm) {
        assertThat(extreme.pulses()).isGreaterThan(50_000);
        for (int maxSeqLen : new int[] {256, 512, 1024}) {
            for (OversizePolicy policy : OversizePolicy.values()) {
                checkInvariants(generated, DomPacker.pack(generated, maxSeqLen, algorithm, policy), maxSeqLen, policy);
                checkInvariants(extreme, DomPacker.pack(extreme, maxSeqLen, algorithm, policy), maxSeqLen, policy);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = PackingAlgorithm.class, names = {"FIRST_FIT_DECREASING", "BEST_FIT_DECREASING"})
    void decreasingAlgorithmsReach99PercentAt512OnRealisticAndExtremeEvents(PackingAlgorithm algorithm) {
        assertThat(DomPacker.pack(generated, 512, algorithm, OversizePolicy.SPLIT).efficiency())
                .isGreaterThanOrEqualTo(0.99);
        assertThat(DomPacker.pack(extreme, 512, algorithm, OversizePolicy.SPLIT).efficiency())
                .isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void decreasingAlgorithmsNeverNeedMoreSequencesThanTheGreedyBaseline() {
        for (int maxSeqLen : new int[] {256, 512, 1024}) {
            int greedy = DomPacker.pack(generated, maxSeqLen, PackingAlgorithm.SEQUENTIAL_GREEDY,
                    OversizePolicy.SPLIT).sequences();
            for (PackingAlgorithm algorithm : List.of(PackingAlgorithm.FIRST_FIT_DECREASING,
                    PackingAlgorithm.BEST_FIT_DECREASING)) {
                PackedSequences packed = DomPacker.pack(generated, maxSeqLen, algorithm, OversizePolicy.SPLIT);
                assertThat(packed.sequences()).isLessThanOrEqualTo(greedy);
                long lowerBound = (generated.pulses() + maxSeqLen - 1) / maxSeqLen;
                assertThat((long) packed.sequences()).isGreaterThanOrEqualTo(lowerBound);
            }
        }
    }

    @Test
    void firstFitDecreasingFillsEarlierSequencesFirst() {
        // Lengths 6, 5, 4, 3, 2 into sequences of 8: 6+2 | 5+3 | 4.
        DomBatch batch = batchOfDomLengths(3, 6, 2, 5, 4);
        PackedSequences packed = DomPacker.pack(batch, 8, PackingAlgorithm.FIRST_FIT_DECREASING,
                OversizePolicy.SPLIT);
        assertThat(packed.sequences()).isEqualTo(3);
        assertThat(sequenceOfDom(packed, 1)).isEqualTo(0);
        assertThat(sequenceOfDom(packed, 2)).isEqualTo(0);
        assertThat(sequenceOfDom(packed, 3)).isEqualTo(1);
        assertThat(sequenceOfDom(packed, 0)).isEqualTo(1);
        assertThat(sequenceOfDom(packed, 4)).isEqualTo(2);
    }

    @Test
    void bestFitDecreasingChoosesTheFullestSequenceThatStillFits() {
        // Lengths 5, 4, 3, 1 into sequences of 8: 5 opens s0, 4 opens s1 (does not fit in 3 left),
        // 3 fits s0 (room 3) and s1 (room 4): best is s0; 1 then goes to s1, the only one with room.
        DomBatch batch = batchOfDomLengths(1, 3, 5, 4);
        PackedSequences packed = DomPacker.pack(batch, 8, PackingAlgorithm.BEST_FIT_DECREASING,
                OversizePolicy.SPLIT);
        assertThat(packed.sequences()).isEqualTo(2);
        assertThat(sequenceOfDom(packed, 2)).isEqualTo(0);
        assertThat(sequenceOfDom(packed, 1)).isEqualTo(0);
        assertThat(sequenceOfDom(packed, 3)).isEqualTo(1);
        assertThat(sequenceOfDom(packed, 0)).isEqualTo(1);
        assertThat(packed.efficiency()).isEqualTo(13.0 / 16);
    }

    @ParameterizedTest
    @EnumSource(PackingAlgorithm.class)
    void truncateCountsTheDroppedPulsesAndSplitCountsTheSplitOnes(PackingAlgorithm algorithm) {
        DomBatch batch = batchOfDomLengths(10, 3, 25);
        PackedSequences truncated = DomPacker.pack(batch, 8, algorithm, OversizePolicy.TRUNCATE);
        assertThat(truncated.truncatedPulses()).isEqualTo(2 + 17);
        assertThat(truncated.splitPulses()).isZero();
        assertThat(truncated.validSlots()).isEqualTo(8 + 3 + 8);
        PackedSequences split = DomPacker.pack(batch, 8, algorithm, OversizePolicy.SPLIT);
        assertThat(split.splitPulses()).isEqualTo(10 + 25);
        assertThat(split.truncatedPulses()).isZero();
        assertThat(split.validSlots()).isEqualTo(38);
        assertThat(split.segments()).isEqualTo(2 + 1 + 4);
    }

    @Test
    void anEmptyBatchPacksIntoNoSequences() {
        DomBatch empty = batchOfDomLengths();
        for (PackingAlgorithm algorithm : PackingAlgorithm.values()) {
            PackedSequences packed = DomPacker.pack(empty, 16, algorithm, OversizePolicy.SPLIT);
            assertThat(packed.sequences()).isZero();
            assertThat(packed.efficiency()).isEqualTo(1.0);
        }
    }

    private static int sequenceOfDom(PackedSequences packed, int dom) {
        for (int s = 0; s < packed.segments(); s++) {
            if (packed.segmentDom()[s] == dom) {
                return packed.segmentSequence()[s];
            }
        }
        throw new AssertionError("DOM " + dom + " has no segment");
    }

    static void checkInvariants(DomBatch batch, PackedSequences packed, int maxSeqLen, OversizePolicy policy) {
        int positions = packed.sequences() * maxSeqLen;
        assertThat(packed.maxSeqLen()).isEqualTo(maxSeqLen);
        assertThat(packed.pulseAt()).hasSize(positions);
        assertThat(packed.localSegment()).hasSize(positions);
        int segments = packed.segments();
        assertThat(packed.segmentSequence()).hasSize(segments);
        assertThat(packed.segmentStart()).hasSize(segments);
        assertThat(packed.segmentLength()).hasSize(segments);

        // Every pulse exactly once, or counted as truncated.
        int[] seen = new int[batch.pulses()];
        long valid = 0;
        for (int p = 0; p < positions; p++) {
            int pulse = packed.pulseAt()[p];
            if (pulse == -1) {
                assertThat(packed.localSegment()[p]).as("padding at %d", p).isEqualTo(-1);
            } else {
                assertThat(packed.localSegment()[p]).as("valid position %d", p).isGreaterThanOrEqualTo(0);
                seen[pulse]++;
                valid++;
            }
        }
        long missing = 0;
        for (int d = 0; d < batch.doms(); d++) {
            for (int p = batch.domOffsets()[d]; p < batch.domOffsets()[d + 1]; p++) {
                assertThat(seen[p]).as("pulse %d placed", p).isLessThanOrEqualTo(1);
                if (seen[p] == 0) {
                    missing++;
                    assertThat(policy).isEqualTo(OversizePolicy.TRUNCATE);
                    assertThat(batch.pulsesOfDom(d)).isGreaterThan(maxSeqLen);
                    assertThat(p - batch.domOffsets()[d]).isGreaterThanOrEqualTo(maxSeqLen);
                }
            }
        }
        assertThat(packed.truncatedPulses()).isEqualTo(missing);
        assertThat(packed.validSlots()).isEqualTo(valid);
        assertThat(valid + missing).isEqualTo(batch.pulses());

        // Segments agree with the per-position arrays, never straddle sequences, and are numbered by start.
        int[] segmentsPerDom = new int[batch.doms()];
        List<List<int[]>> bySequence = new ArrayList<>();
        for (int q = 0; q < packed.sequences(); q++) {
            bySequence.add(new ArrayList<>());
        }
        for (int s = 0; s < segments; s++) {
            int sequence = packed.segmentSequence()[s];
            int start = packed.segmentStart()[s];
            int length = packed.segmentLength()[s];
            int dom = packed.segmentDom()[s];
            assertThat(length).isBetween(1, maxSeqLen);
            assertThat(start).isGreaterThanOrEqualTo(0);
            assertThat(start + length).as("segment %d ends inside its sequence", s).isLessThanOrEqualTo(maxSeqLen);
            segmentsPerDom[dom]++;
            int base = sequence * maxSeqLen + start;
            int local = packed.localSegment()[base];
            for (int i = 0; i < length; i++) {
                int pulse = packed.pulseAt()[base + i];
                assertThat(pulse).isBetween(batch.domOffsets()[dom], batch.domOffsets()[dom + 1] - 1);
                assertThat(packed.localSegment()[base + i]).isEqualTo(local);
            }
            bySequence.get(sequence).add(new int[] {start, local, length});
        }
        for (List<int[]> inSequence : bySequence) {
            inSequence.sort((a, b) -> Integer.compare(a[0], b[0]));
            int end = 0;
            for (int k = 0; k < inSequence.size(); k++) {
                assertThat(inSequence.get(k)[0]).as("segments overlap").isGreaterThanOrEqualTo(end);
                assertThat(inSequence.get(k)[1]).as("local numbers follow start order").isEqualTo(k);
                end = inSequence.get(k)[0] + inSequence.get(k)[2];
            }
        }
        long split = 0;
        for (int d = 0; d < batch.doms(); d++) {
            if (batch.pulsesOfDom(d) > maxSeqLen) {
                if (policy == OversizePolicy.SPLIT) {
                    split += batch.pulsesOfDom(d);
                    assertThat(segmentsPerDom[d]).isEqualTo((batch.pulsesOfDom(d) + maxSeqLen - 1) / maxSeqLen);
                } else {
                    assertThat(segmentsPerDom[d]).isEqualTo(1);
                }
            } else {
                assertThat(segmentsPerDom[d]).as("DOM %d of %d pulses is not split", d, batch.pulsesOfDom(d))
                        .isEqualTo(batch.pulsesOfDom(d) == 0 ? 0 : 1);
            }
        }
        assertThat(packed.splitPulses()).isEqualTo(split);
        double expected = packed.sequences() == 0 ? 1.0 : (double) valid / positions;
        assertThat(packed.efficiency()).isCloseTo(expected, within(1e-12));
    }

    /** A batch of one event whose DOMs have the given pulse counts. */
    static DomBatch batchOfDomLengths(int... lengths) {
        int total = 0;
        for (int length : lengths) {
            total += length;
        }
        int[] domOffsets = new int[lengths.length + 1];
        for (int d = 0; d < lengths.length; d++) {
            domOffsets[d + 1] = domOffsets[d] + lengths[d];
        }
        short[] sensor = new short[lengths.length];
        for (int d = 0; d < lengths.length; d++) {
            sensor[d] = (short) d;
        }
        return new DomBatch(new int[] {0, total}, new int[] {0, lengths.length}, domOffsets, sensor,
                new int[lengths.length], new float[total], new float[total], new byte[total]);
    }

    /** Events of heavy-tailed DOM counts and pulses per DOM (mostly one, sometimes hundreds). */
    static DomBatch randomBatch(SplittableRandom random, int events) {
        List<Integer> lengths = new ArrayList<>();
        List<Integer> eventOf = new ArrayList<>();
        int[] eventDomOffsets = new int[events + 1];
        int[] eventOffsets = new int[events + 1];
        int pulses = 0;
        for (int e = 0; e < events; e++) {
            eventDomOffsets[e] = lengths.size();
            eventOffsets[e] = pulses;
            int doms = random.nextInt(100) == 0 ? 500 + random.nextInt(1500) : 1 + random.nextInt(80);
            for (int d = 0; d < doms; d++) {
                double u = random.nextDouble();
                int length = u < 0.8 ? 1 : u < 0.93 ? 2 : u < 0.99 ? 3 + random.nextInt(20)
                        : 20 + random.nextInt(1500);
                lengths.add(length);
                eventOf.add(e);
                pulses += length;
            }
        }
        eventDomOffsets[events] = lengths.size();
        eventOffsets[events] = pulses;
        int[] domOffsets = new int[lengths.size() + 1];
        short[] sensor = new short[lengths.size()];
        int[] domEvent = new int[lengths.size()];
        for (int d = 0; d < lengths.size(); d++) {
            domOffsets[d + 1] = domOffsets[d] + lengths.get(d);
            sensor[d] = (short) (d % 5160);
            domEvent[d] = eventOf.get(d);
        }
        return new DomBatch(eventOffsets, eventDomOffsets, domOffsets, sensor, domEvent, new float[pulses],
                new float[pulses], new byte[pulses]);
    }
}
