package io.icebench.runner.baseline;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code results/history.jsonl}: one JSON object per run, one line each, appended and never rewritten. A line is
 * written with a single write of the whole line under an exclusive lock on the file, so concurrent runs never
 * interleave; a reader skips a line it cannot parse (such as the torn end of a crash) and says so.
 */
public final class History {

    public static final String FILE_NAME = "history.jsonl";
    public static final String SCHEMA = "icebench-history";

    private static final Object IN_PROCESS = new Object();
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(History.class);

    private History() {
    }

    public static Path file(Path resultsDir) {
        return resultsDir.resolve(FILE_NAME);
    }

    /** Appends one run. */
    public static void append(Path resultsDir, RunSamples run) throws IOException {
        Files.createDirectories(resultsDir);
        byte[] line = (RunSamples.JSON.writeValueAsString(run.toJson(SCHEMA)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        // A file lock excludes other processes; within this JVM a second lock on the file would throw
        // OverlappingFileLockException instead of waiting, so threads queue on a monitor first.
        synchronized (IN_PROCESS) {
            try (FileChannel channel = FileChannel.open(file(resultsDir), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                 FileLock lock = channel.lock()) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            }
        }
    }

    /** Every run recorded, oldest first; empty when there is no history yet. */
    public static List<RunSamples> read(Path resultsDir) throws IOException {
        Path file = file(resultsDir);
        List<RunSamples> runs = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return runs;
        }
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = RunSamples.JSON.readTree(line);
                runs.add(RunSamples.fromJson(node, file + ":" + number));
            } catch (IOException e) {
                LOG.warnf("skipping line %d of %s: %s", number, file, e.getMessage());
            }
        }
        return runs;
    }

    /** The newest run recorded, if any. */
    public static Optional<RunSamples> latest(Path resultsDir) throws IOException {
        List<RunSamples> runs = read(resultsDir);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }
}
