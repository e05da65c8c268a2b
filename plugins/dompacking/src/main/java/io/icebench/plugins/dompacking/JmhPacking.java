package io.icebench.plugins.dompacking;

import io.icebench.icecube.pack.OversizePolicy;
import io.icebench.icecube.pack.PackingAlgorithm;
import io.icebench.spi.Table;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;

/**
 * The optional JMH measurement of the packing kernel: {@link PackingKernelBenchmark} in one forked JVM given this
 * application's class path. The result collection is checked: an empty one (or a failure to start, such as the
 * generated benchmark list missing) becomes a row with the reason instead of numbers.
 */
final class JmhPacking {

    private JmhPacking() {
    }

    static Table run(int maxSeqLen, PackingAlgorithm algorithm, OversizePolicy policy, System.Logger log) {
        Table.Builder table = Table.builder(DomPackingPlugin.TABLE_JMH, "benchmark", "max_seq_len", "algorithm",
                        "score (us/op)", "error (us/op)", "status")
                .title("JMH, forked JVM (1 fork, 3 x 1 s warm-up, 5 x 1 s measurement): one pack of a generated"
                        + " batch of 2,000 events with one extreme event");
        String name = PackingKernelBenchmark.class.getName() + ".pack";
        try {
            Options options = new OptionsBuilder()
                    .include(PackingKernelBenchmark.class.getName() + ".pack$")
                    .forks(1)
                    .warmupIterations(3)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5)
                    .measurementTime(TimeValue.seconds(1))
                    .param("maxSeqLen", String.valueOf(maxSeqLen))
                    .param("algorithm", algorithm.name())
                    .param("oversize", policy.name())
                    .shouldFailOnError(true)
                    .build();
            // The fork is started with java.class.path; inside the Quarkus fast-jar that is quarkus-run.jar alone,
            // so list the application's jars for as long as the Runner starts forks.
            String original = System.getProperty("java.class.path");
            Collection<RunResult> results;
            try {
                System.setProperty("java.class.path", applicationClassPath(original));
                // JMH's progress goes to stderr with the logs; stdout belongs to the runner's own output.
                results = new Runner(options, org.openjdk.jmh.runner.format.OutputFormatFactory.createFormatInstance(
                        System.err, org.openjdk.jmh.runner.options.VerboseMode.NORMAL)).run();
            } finally {
                System.setProperty("java.class.path", original);
            }
            if (results.isEmpty()) {
                return table.row(name, maxSeqLen, algorithm.label(), null, null,
                        "failed: JMH returned no results").build();
            }
            for (RunResult result : results) {
                var primary = result.getPrimaryResult();
                table.row(name, maxSeqLen, algorithm.label(), primary.getScore(), primary.getScoreError(), "ok");
            }
            return table.build();
        } catch (Exception | LinkageError e) {
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getName());
            log.log(System.Logger.Level.WARNING, "JMH run failed: " + reason);
            return table.row(name, maxSeqLen, algorithm.label(), null, null, "failed: " + reason).build();
        }
    }

    /**
     * The class path a forked JVM needs: when this class was loaded from a jar (the packaged application), every jar
     * beside it and in a sibling {@code boot} folder (Quarkus's fast-jar layout), then the current class path.
     */
    static String applicationClassPath(String current) {
        java.util.LinkedHashSet<String> entries = new java.util.LinkedHashSet<>();
        try {
            java.nio.file.Path self = java.nio.file.Path.of(
                    JmhPacking.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (java.nio.file.Files.isRegularFile(self)) {
                java.nio.file.Path folder = self.getParent();
                for (java.nio.file.Path dir : new java.nio.file.Path[] {folder, folder.resolveSibling("boot")}) {
                    if (java.nio.file.Files.isDirectory(dir)) {
                        try (var jars = java.nio.file.Files.list(dir)) {
                            jars.filter(p -> p.toString().endsWith(".jar")).sorted()
                                    .forEach(p -> entries.add(p.toString()));
                        }
                    }
                }
            }
        } catch (java.net.URISyntaxException | java.io.IOException | RuntimeException e) {
            // fall back to the current class path alone
        }
        entries.addAll(java.util.Arrays.asList(current.split(java.io.File.pathSeparator)));
        return String.join(java.io.File.pathSeparator, entries);
    }
}
