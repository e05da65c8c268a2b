package io.icebench.model;

import io.icebench.icecube.collate.Collator;
import io.icebench.icecube.collate.DomBatch;
import io.icebench.icecube.collate.EventSource;
import io.icebench.icecube.generate.DatasetGenerator;
import io.icebench.icecube.generate.GeneratedBatch;
import io.icebench.icecube.generate.GeneratorSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class T1ModelTest {

    /** Small so that splits happen: the generated events have DOMs with more pulses than this. */
    private static final int MAX_SEQ_LEN = 16;
    private static final T1Config SMALL = new T1Config(32, 4, 2, 64, MAX_SEQ_LEN, 7);

    static DomBatch batch;
    static T1Model model;

    @BeforeAll
    static void collateGeneratedEvents() {
        GeneratedBatch generated = DatasetGenerator.generateBatch(GeneratorSettings.of(200, 200, 3), 0);
        int events = generated.events();
        int[] first = new int[events];
        int[] end = new int[events];
        for (int e = 0; e < events; e++) {
            first[e] = (int) generated.firstPulse()[e];
            end[e] = (int) generated.lastPulse()[e] + 1;
        }
        EventSource source = new EventSource(generated.pulses(), first, end);
        batch = new Collator().domGrouped(source, IntStream.range(0, 12).toArray());
        model = new T1Model(SMALL);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @Test
    void theTestBatchHasOnePulseDomsMultiPulseDomsAndADomLongerThanASequence() {
        int longest = IntStream.range(0, batch.doms()).map(batch::pulsesOfDom).max().orElseThrow();
        long single = IntStream.range(0, batch.doms()).filter(d -> batch.pulsesOfDom(d) == 1).count();
        long multi = IntStream.range(0, batch.doms()).filter(d -> batch.pulsesOfDom(d) > 1).count();

        assertThat(longest).isGreaterThan(MAX_SEQ_LEN);
        assertThat(single).isPositive();
        assertThat(multi).isPositive();
    }

    @Test
    void bucketedAndFullMaskAttentionGiveTheSameDomEmbeddings() {
        float[] bucketed = model.forward(batch, AttentionStrategy.BUCKETED);
        float[] full = model.forward(batch, AttentionStrategy.FULL_MASK);

        assertThat(bucketed).hasSize(full.length);
        double maxDiff = 0;
        for (int i = 0; i < full.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(full[i] - bucketed[i]));
        }
        assertThat(maxDiff).isLessThan(1e-4);
        assertThat(full).doesNotContain(Float.NaN);
    }

    @Test
    void theOutputIsOneDModelVectorPerDom() {
        float[] out = model.forward(batch, AttentionStrategy.BUCKETED);

        assertThat(out).hasSize(batch.doms() * SMALL.dModel());
        // LayerNorm before pooling: every DOM vector has a spread, none is all zeros.
        for (int dom = 0; dom < batch.doms(); dom += 37) {
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (int c = 0; c < SMALL.dModel(); c++) {
                min = Math.min(min, out[dom * SMALL.dModel() + c]);
                max = Math.max(max, out[dom * SMALL.dModel() + c]);
            }
            assertThat(max - min).isGreaterThan(0.1f);
        }
    }

    @Test
    void twoModelsWithTheSameSeedGiveIdenticalOutputsAndAnotherSeedDoesNot() {
        try (T1Model same = new T1Model(SMALL);
             T1Model other = new T1Model(new T1Config(32, 4, 2, 64, MAX_SEQ_LEN, 8))) {
            float[] reference = model.forward(batch, AttentionStrategy.BUCKETED);

            assertThat(same.forward(batch, AttentionStrategy.BUCKETED)).containsExactly(reference);
            assertThat(other.forward(batch, AttentionStrategy.BUCKETED)).isNotEqualTo(reference);
        }
    }

    @Test
    void aTinyModelRunsOfflineWithGradModeOff() {
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        try (T1Model tiny = new T1Model(new T1Config(8, 2, 1, 16, 8, 1))) {
            float[] out = tiny.forward(batch, AttentionStrategy.FULL_MASK);

            assertThat(out).hasSize(batch.doms() * 8);
            assertThat(T1Model.gradModeEnabled()).isFalse();
        }
    }

    @Test
    void everyForwardPassClosesItsOwnArraysSoNothingAccumulates() {
        int weights = model.weightArrays();
        for (int i = 0; i < 20; i++) {
            model.forward(batch, i % 2 == 0 ? AttentionStrategy.BUCKETED : AttentionStrategy.FULL_MASK);
            assertThat(model.lastCallManager().isOpen()).isFalse();
        }

        assertThat(model.weightArrays()).isEqualTo(weights);
        assertThat(weights).isEqualTo(2 + 12 * SMALL.layers() + 2);
    }

    @Test
    void theFlopCountMatchesAHandComputationForATinyBatch() {
        // One event, three DOMs of 1, 3 and 5 pulses; sequences of 4, so the 5-pulse DOM becomes 4 + 1.
        DomBatch tiny = new DomBatch(new int[] {0, 9}, new int[] {0, 3}, new int[] {0, 1, 4, 9},
                new short[] {10, 20, 30}, new int[] {0, 0, 0}, new float[9], new float[9], new byte[9]);
        T1Config config = new T1Config(8, 2, 1, 32, 4, 1);

        // Bucketed: rows = 9 pulses; L² terms: the 3-pulse DOM and the 4-pulse chunk, both in bucket 4: 2·16.
        long bucketed = 2L * 9 * 6 * 8 + 2L * 9 * (3 * 64 + 64 + 2 * 8 * 32) + 4L * 8 * (2 * 16);
        // Full mask, sequential greedy in 4: [1, 3] [4] [1] -> 3 sequences, rows 12, L² terms 3·16.
        long full = 2L * 12 * 6 * 8 + 2L * 12 * (3 * 64 + 64 + 2 * 8 * 32) + 4L * 8 * (3 * 16);

        assertThat(T1Model.flops(config, tiny, AttentionStrategy.BUCKETED)).isEqualTo(bucketed).isEqualTo(15_712);
        assertThat(T1Model.flops(config, tiny, AttentionStrategy.FULL_MASK)).isEqualTo(full).isEqualTo(21_120);
    }

    @Test
    void theTinyBatchAlsoAgreesBetweenStrategies() {
        DomBatch tiny = new DomBatch(new int[] {0, 9}, new int[] {0, 3}, new int[] {0, 1, 4, 9},
                new short[] {10, 20, 30}, new int[] {0, 0, 0},
                new float[] {0, 5, 9, 30, 1, 2, 3, 4, 500}, new float[] {1, 2, 0.5f, 1, 3, 1, 1, 2, 8},
                new byte[] {0, 1, 0, 0, 0, 1, 0, 0, 0});
        try (T1Model tinyModel = new T1Model(new T1Config(8, 2, 2, 32, 4, 1))) {
            float[] a = tinyModel.forward(tiny, AttentionStrategy.BUCKETED);
            float[] b = tinyModel.forward(tiny, AttentionStrategy.FULL_MASK);

            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).isCloseTo(b[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void aConfigWhoseWidthIsNotDivisibleByItsHeadsIsRejected() {
        assertThatThrownBy(() -> T1Config.of(100, 8, 2, 512, 1))
                .hasMessage("dModel 100 must be divisible by heads 8");
    }

    @Test
    void strategiesParseFromTheirConfigurationNames() {
        assertThat(AttentionStrategy.parse("full-mask")).isEqualTo(AttentionStrategy.FULL_MASK);
        assertThat(AttentionStrategy.parse("Bucketed")).isEqualTo(AttentionStrategy.BUCKETED);
        assertThatThrownBy(() -> AttentionStrategy.parse("flash"))
                .hasMessage("attention 'flash' is not one of: bucketed, full_mask");
    }
}
