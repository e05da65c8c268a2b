package io.icebench.plugins.dompacking;

import io.icebench.icecube.collate.Collator;
import io.icebench.icecube.collate.DomBatch;
import io.icebench.icecube.collate.EventSource;
import io.icebench.icecube.generate.DatasetGenerator;
import io.icebench.icecube.generate.GeneratedBatch;
import io.icebench.icecube.generate.GeneratorSettings;
import io.icebench.icecube.pack.DomPacker;
import io.icebench.icecube.pack.OversizePolicy;
import io.icebench.icecube.pack.PackedSequences;
import io.icebench.icecube.pack.PackingAlgorithm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * JMH benchmark of the packing kernel on a generated batch of 2,000 events with one forced extreme event, grouped
 * by DOM. Run through {@link JmhPacking}; needs JMH's generated classes (annotation processing with
 * jmh-generator-annprocess) on the class path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PackingKernelBenchmark {

    @Param("512")
    public int maxSeqLen;

    @Param("BEST_FIT_DECREASING")
    public String algorithm;

    @Param("SPLIT")
    public String oversize;

    private DomBatch batch;
    private PackingAlgorithm packing;
    private OversizePolicy policy;

    @Setup
    public void setUp() {
        batch = generatedBatch();
        packing = PackingAlgorithm.parse(algorithm);
        policy = OversizePolicy.valueOf(oversize);
    }

    @Benchmark
    public PackedSequences pack() {
        return DomPacker.pack(batch, maxSeqLen, packing, policy);
    }

    /** The benchmark's input: batch 0 of 2,000 generated events (seed 3) with one forced extreme event. */
    static DomBatch generatedBatch() {
        GeneratedBatch generated = DatasetGenerator.generateBatch(
                GeneratorSettings.of(2000, 2000, 3).withForcedExtremeEvents(1), 0);
        int n = generated.events();
        int[] first = new int[n];
        int[] end = new int[n];
        int[] all = new int[n];
        for (int e = 0; e < n; e++) {
            first[e] = (int) generated.firstPulse()[e];
            end[e] = (int) generated.lastPulse()[e] + 1;
            all[e] = e;
        }
        return new Collator().domGrouped(new EventSource(generated.pulses(), first, end), all);
    }
}
