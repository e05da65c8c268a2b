package io.icebench.icecube.cli;

import io.icebench.icecube.DefaultDataset;
import io.icebench.icecube.IcecubeDataException;
import io.icebench.icecube.Split;
import io.icebench.icecube.generate.DatasetGenerator;
import io.icebench.icecube.generate.GenerationSummary;
import io.icebench.icecube.generate.GeneratorSettings;
import io.icebench.icecube.parquet.ParquetFiles;
import io.icebench.icecube.parquet.WriteOptions;
import io.icebench.icecube.storage.HadoopConf;
import io.icebench.icecube.storage.Locations;
import io.icebench.spi.Progress;
import io.icebench.spi.command.CommandContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * {@code runner generate-data}: writes a synthetic dataset in the Kaggle layout whose distributions follow the
 * real data (docs/DATA.md). Written into a temporary sibling folder and renamed when complete.
 *
 * <p>The data library's own command, which the runner finds through {@link GenerateDataProvider}: the runner lends
 * it its progress display and its one-line usage errors ({@link CommandContext}) and adds its common options.
 */
@Command(name = "generate-data", mixinStandardHelpOptions = true,
        description = "Writes synthetic IceCube data in the Kaggle layout (batches, meta, geometry); deterministic for a seed.")
public class GenerateDataCommand implements Callable<Integer> {

    private final CommandContext runner;

    @Option(names = "--out", required = true, paramLabel = "DIR|URI",
            description = "New or empty folder to write: a local one, or on a Hadoop file system"
                    + " (hdfs://namenode:8020/icecube; settings from HADOOP_CONF_DIR and -Dicebench.hadoop.KEY=VALUE).")
    String out;

    @Option(names = "--events", required = true, paramLabel = "N", description = "Events in all.")
    long events;

    @Option(names = "--events-per-batch", defaultValue = "200000", paramLabel = "M",
            description = "Events per batch file (default: ${DEFAULT-VALUE}, as in the real data).")
    int eventsPerBatch;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--split", defaultValue = "train", paramLabel = "train|test",
            description = "train (meta with angles) or test (without); default: ${DEFAULT-VALUE}.")
    Split split;

    @Option(names = "--extreme-events", defaultValue = "0", paramLabel = "K",
            description = "Force K events of 50,000-180,000 pulses in, so small datasets hold the tail.")
    int extremeEvents;

    @Option(names = "--codec", defaultValue = "snappy", paramLabel = "CODEC",
            description = "snappy, zstd, gzip or uncompressed (default: ${DEFAULT-VALUE}).")
    String codec;

    @Option(names = "--row-group-rows", defaultValue = "1048576", paramLabel = "R",
            description = "Rows per row group (default: ${DEFAULT-VALUE}, pyarrow's).")
    int rowGroupRows;

    @Spec
    CommandSpec spec;

    GenerateDataCommand(CommandContext runner) {
        this.runner = runner;
    }

    @Override
    public Integer call() throws IOException {
        java.net.URI location = Locations.parse(out);
        boolean remote = !Locations.isLocal(location);
        Path target = remote ? null : Locations.localPath(location).toAbsolutePath().normalize();
        if (!remote && Files.exists(target) && (!Files.isDirectory(target) || !isEmpty(target))) {
            throw runner.usageError("--out '" + out + "' exists and is not an empty folder; choose a new folder");
        }
        GeneratorSettings settings;
        try {
            WriteOptions options = WriteOptions.kaggle().withCodec(ParquetFiles.codec(codec))
                    .withRowGroupRows(rowGroupRows);
            settings = new GeneratorSettings(events, eventsPerBatch, seed, split, extremeEvents, options);
        } catch (IllegalArgumentException e) {
            throw runner.usageError("generate-data: " + e.getMessage());
        }
        if (remote) {
            return generateRemote(settings, location);
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        // With the umask's permissions, not createTempDirectory's 0700: generated data is meant to be shared.
        Path temp = DefaultDataset.newFolder(parent, "." + target.getFileName() + ".partial-");
        GenerationSummary summary;
        try (Progress progress = runner.progress("generate-data: events", settings.events())) {
            summary = DatasetGenerator.generate(settings, temp, steps(progress));
            Files.deleteIfExists(target);
            Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteTree(temp);
            throw e;
        }
        PrintWriter console = spec.commandLine().getOut();
        console.printf(Locale.ROOT, "generated %,d events (%,d pulses, %d with >= 50,000 pulses) in %d batches"
                        + " into %s: %.1f s, %.1f million pulses/s%n", summary.events(), summary.pulses(),
                summary.extremeEvents(), summary.batches(), target, summary.seconds(),
                summary.pulses() / summary.seconds() / 1e6);
        console.flush();
        return 0;
    }

    /** Into a folder of a Hadoop file system, with the settings of HADOOP_CONF_DIR and -Dicebench.hadoop.*. */
    private Integer generateRemote(GeneratorSettings settings, java.net.URI location) {
        GenerationSummary summary;
        try (Progress progress = runner.progress("generate-data: events", settings.events())) {
            // Into a hidden folder beside it, renamed into place: the dataset appears whole or not at all.
            summary = DatasetGenerator.generateInto(settings, location,
                    HadoopConf.configuration(), steps(progress));
        } catch (IllegalArgumentException e) {
            throw runner.usageError("--out " + DefaultDataset.shown(location) + ": " + e.getMessage());
        } catch (java.io.UncheckedIOException | IcecubeDataException e) {
            throw runner.usageError("generate-data: " + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
        }
        PrintWriter console = spec.commandLine().getOut();
        console.printf(Locale.ROOT, "generated %,d events (%,d pulses, %d with >= 50,000 pulses) in %d batches"
                        + " into %s: %.1f s, %.1f million pulses/s%n", summary.events(), summary.pulses(),
                summary.extremeEvents(), summary.batches(), DefaultDataset.shown(location),
                summary.seconds(), summary.pulses() / summary.seconds() / 1e6);
        console.flush();
        return 0;
    }

    /**
     * The generator reports the cumulative events written after each batch file (one increasing sequence, never
     * concurrently); the progress takes the steps between them.
     */
    static LongConsumer steps(Progress progress) {
        long[] reported = {0};
        return done -> {
            progress.step(done - reported[0]);
            reported[0] = done;
        };
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
