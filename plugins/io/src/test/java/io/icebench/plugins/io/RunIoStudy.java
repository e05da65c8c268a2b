package io.icebench.plugins.io;

import io.icebench.spi.testkit.TestContext;
import io.icebench.icecube.generate.DatasetGenerator;
import io.icebench.icecube.generate.GeneratorSettings;
import io.icebench.spi.Measurement;
import io.icebench.spi.Measurements;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the study by hand, outside the runner, and prints its output: for looking at real figures while developing.
 * Not a test.
 *
 * <pre>
 *   java ... io.icebench.plugins.io.RunIoStudy OUTPUT_DIR [DATASET_DIR | generate:EVENTS:PER_BATCH:SEED:DIR] [key=value...]
 * </pre>
 * Without a dataset the default one is used (generated on first use).
 */
public final class RunIoStudy {

    private RunIoStudy() {
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args[0]);
        Path dataset = null;
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].contains("=")) {
                String[] kv = args[i].split("=", 2);
                parameters.put(kv[0], kv[1]);
            } else if (args[i].startsWith("generate:")) {
                String[] g = args[i].split(":", 5);
                dataset = Path.of(g[4]);
                if (!Files.isDirectory(dataset.resolve("train"))) {
                    Files.createDirectories(dataset);
                    long start = System.nanoTime();
                    DatasetGenerator.generate(GeneratorSettings.of(Long.parseLong(g[1]), Integer.parseInt(g[2]),
                            Long.parseLong(g[3])), dataset, n -> { });
                    System.out.printf(Locale.ROOT, "generated %s in %.1f s%n", dataset,
                            (System.nanoTime() - start) / 1e9);
                }
            } else {
                dataset = Path.of(args[i]);
            }
        }
        IoPlugin plugin = new IoPlugin();
        TestContext context = new TestContext(plugin, parameters, dataset, output);
        plugin.validate(context.parameters());
        long start = System.nanoTime();
        Measurements result = plugin.run(context);
        System.out.printf(Locale.ROOT, "run took %.1f s%n", (System.nanoTime() - start) / 1e9);
        for (Measurement m : result.measurements()) {
            double[] s = m.samples();
            double[] sorted = s.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-45s n=%-3d median=%-14.4g %s%n", m.metric().name(), s.length,
                    sorted[sorted.length / 2], m.metric().unit());
        }
        result.properties().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> System.out.println(e.getKey() + " = " + e.getValue()));
        System.out.println("output: " + output.toAbsolutePath());
    }
}
