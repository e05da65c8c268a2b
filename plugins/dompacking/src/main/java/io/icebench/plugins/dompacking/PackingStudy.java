package io.icebench.plugins.dompacking;

import io.icebench.icecube.DefaultDataset;
import io.icebench.icecube.pack.OversizePolicy;
import io.icebench.icecube.pack.PackingAlgorithm;
import io.icebench.icecube.read.Dataset;
import io.icebench.spi.Measurements;
import io.icebench.spi.Parameters;
import io.icebench.spi.PluginContext;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the sections of one dom-packing run share: the parameters, the selected events and the cases made of them,
 * every configuration's {@link TimedPack}, the best algorithm, and the measurements collected so far.
 */
final class PackingStudy {

    final PluginContext context;
    final List<Integer> lengths;
    final List<PackingAlgorithm> algorithms;
    final OversizePolicy policy;
    final int repetitions;
    final Path datasetDir;
    final EventSelection events;
    final List<Case> cases = new ArrayList<>();
    /** The length the charts, the memory table and the metrics use: 512 when measured, else the first. */
    final int chartLength;
    /** Every case x length x algorithm, by {@link #key}. */
    final Map<String, TimedPack> runs = new LinkedHashMap<>();
    final Measurements.Builder out = Measurements.builder();
    PackingAlgorithm best;
    /** The largest case, whose packing time is the timing metrics' sample. */
    Case timingCase;
    /** Measured by {@link MemorySection}, drawn by it and by {@link TimeSection}. */
    PerEventCurves curves;

    PackingStudy(PluginContext context) throws IOException {
        this.context = context;
        Parameters parameters = context.parameters();
        lengths = parameters.getIntList("max_seq_len").stream().distinct().sorted().toList();
        algorithms = parameters.getStringList("algorithms").stream().map(PackingAlgorithm::parse).distinct().toList();
        policy = DomPackingPlugin.oversize(parameters.getString("oversize"));
        repetitions = parameters.getInt("repetitions");
        datasetDir = DefaultDataset.resolve(context.dataset());
        Dataset dataset = Dataset.open(datasetDir);
        events = EventSelection.scan(dataset, datasetDir, parameters.getLong("scan_events"),
                parameters.getInt("top_k"), parameters.getInt("random_events"), parameters.getLong("seed"));
        for (CaseFamily family : CaseFamily.ALL) {
            cases.addAll(family.cases(events));
        }
        chartLength = lengths.contains(512) ? 512 : lengths.get(0);
        best = algorithms.get(0);
    }

    static String key(String caseName, int length, PackingAlgorithm algorithm) {
        return caseName + '|' + length + '|' + algorithm.name();
    }

    TimedPack run(Case c, int length, PackingAlgorithm algorithm) {
        return runs.get(key(c.name(), length, algorithm));
    }

    String oversize() {
        return policy.name().toLowerCase(Locale.ROOT);
    }

    Path output(String file) {
        return context.outputDirectory().resolve(file);
    }

    void checkCancelled() throws InterruptedException {
        if (context.isCancelled()) {
            throw new InterruptedException("cancelled");
        }
    }

    Measurements build() {
        return out.property("dataset", datasetDir)
                .property("events_scanned", events.scanned)
                .property("best_algorithm", best.label())
                .property("chart_max_seq_len", chartLength)
                .property("oversize", oversize())
                .property("timing_case", timingCase.name())
                .build();
    }
}
