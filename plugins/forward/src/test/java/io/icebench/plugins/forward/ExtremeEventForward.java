package io.icebench.plugins.forward;

import io.icebench.icecube.Column;
import io.icebench.icecube.DefaultDataset;
import io.icebench.icecube.EventMeta;
import io.icebench.icecube.collate.Collator;
import io.icebench.icecube.collate.DomBatch;
import io.icebench.icecube.collate.EventSource;
import io.icebench.icecube.pack.DomPacker;
import io.icebench.icecube.pack.OversizePolicy;
import io.icebench.icecube.pack.PackedSequences;
import io.icebench.icecube.pack.PackingAlgorithm;
import io.icebench.icecube.read.Dataset;
import io.icebench.model.AttentionStrategy;
import io.icebench.model.T1Config;
import io.icebench.model.T1Model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Not a test: a measurement. Packs the most extreme event of a dataset (default: the embedded default) and runs
 * the T1 forward pass on it with each attention strategy, printing time and the process's peak resident memory.
 * Run: java -Dai.djl.offline=true -cp ... io.icebench.plugins.forward.ExtremeEventForward [dataset] [strategy]
 */
public final class ExtremeEventForward {

    public static void main(String[] args) throws Exception {
        Path folder = DefaultDataset.resolve(args.length > 0 && !args[0].isBlank() ? Optional.of(Path.of(args[0])) : Optional.empty());
        AttentionStrategy strategy = args.length > 1 ? AttentionStrategy.parse(args[1]) : AttentionStrategy.BUCKETED;
        Dataset dataset = Dataset.open(folder);
        EventMeta meta = dataset.meta();
        int best = 0;
        for (int row = 1; row < meta.size(); row++) {
            if (meta.pulses(row) > meta.pulses(best)) {
                best = row;
            }
        }
        int batchId = (int) meta.batchId()[best];
        int event = best - meta.rowsOfBatch(batchId)[0];
        EventSource source = EventSource.of(dataset.readBatch(batchId, Column.modelInputs(), 2), meta, batchId);
        DomBatch batch = new Collator().domGrouped(source, new int[] {event});
        long start = System.nanoTime();
        PackedSequences packed = DomPacker.pack(batch, 512, PackingAlgorithm.BEST_FIT_DECREASING, OversizePolicy.SPLIT);
        double packMs = (System.nanoTime() - start) / 1e6;
        T1Model.setIntraOpThreads(0);
        try (T1Model model = new T1Model(T1Config.defaults(1))) {
            model.forward(batch, strategy); // warm-up
            start = System.nanoTime();
            float[] embeddings = model.forward(batch, strategy);
            double forwardMs = (System.nanoTime() - start) / 1e6;
            System.out.printf("event %d: %d pulses, %d DOMs; packing (best-fit, 512) %.1f ms, efficiency %.4f,"
                            + " %d sequences; %s forward %.0f ms, %d embeddings, %.2f GFLOP; peak RSS %s%n",
                    meta.eventId()[best], batch.pulses(), batch.doms(), packMs, packed.efficiency(),
                    packed.sequences(), strategy, forwardMs, embeddings.length / 128,
                    model.flops(batch, strategy) / 1e9, peakRss());
        }
    }

    private static String peakRss() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                .findFirst().orElse("?").replaceAll("\\s+", " ");
    }
}
