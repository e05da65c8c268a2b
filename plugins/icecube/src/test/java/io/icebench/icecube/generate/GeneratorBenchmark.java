package io.icebench.icecube.generate;

import io.icebench.icecube.Layout;
import io.icebench.icecube.parquet.ParquetFiles;
import io.icebench.icecube.parquet.WriteOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Times one real-sized batch (200,000 events, ~33 million pulses): generated in memory, then written as a Kaggle
 * parquet file, {@code runs} times (default 3), and prints each run and the median. Not a test: run it with
 * <pre>
 *   mvn -q test-compile dependency:build-classpath -pl plugins/icecube -Dmdep.outputFile=/tmp/cp.txt
 *   java -cp plugins/icecube/target/test-classes:plugins/icecube/target/classes:$(cat /tmp/cp.txt) \
 *       io.icebench.icecube.generate.GeneratorBenchmark [runs]
 * </pre>
 */
public final class GeneratorBenchmark {

    private GeneratorBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        GeneratorSettings settings = GeneratorSettings.of(200_000, 200_000, 42);
        double[] seconds = new double[runs];
        for (int run = 0; run < runs; run++) {
            Path folder = Files.createTempDirectory("icebench-generator-benchmark");
            try {
                long started = System.nanoTime();
                GeneratedBatch batch = DatasetGenerator.generateBatch(settings, 0);
                long generated = System.nanoTime();
                Path file = Layout.batchFile(folder, settings.split(), batch.batchId());
                Files.createDirectories(file.getParent());
                ParquetFiles.writeBatch(file, batch.pulses(), WriteOptions.kaggle());
                long written = System.nanoTime();
                seconds[run] = (written - started) / 1e9;
                int pulses = batch.pulses().size();
                System.out.printf("run %d: %,d pulses, generate %.2f s + write %.2f s = %.2f s per batch,"
                                + " %.1f M pulses/s, file %,d bytes%n",
                        run + 1, pulses, (generated - started) / 1e9, (written - generated) / 1e9, seconds[run],
                        pulses / seconds[run] / 1e6, Files.size(file));
            } finally {
                deleteRecursively(folder);
            }
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        System.out.printf("median of %d: %.2f s per 200,000-event batch%n", runs, sorted[runs / 2]);
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
