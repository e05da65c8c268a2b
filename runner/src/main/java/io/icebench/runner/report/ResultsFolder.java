package io.icebench.runner.report;

import io.icebench.spi.ReportOutput;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * A run's folder under {@code results/}. Everything is written into {@code .<run-id>.partial/} and the folder is
 * renamed to {@code <run-id>/} when the run is complete, so an interrupted run never leaves a folder that looks
 * finished; then {@code results/latest} is pointed at it (a symbolic link, replaced atomically).
 */
public final class ResultsFolder implements ReportOutput {

    private static final Logger LOG = Logger.getLogger(ResultsFolder.class);
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    public static final String LATEST = "latest";

    private final Path root;
    private final String runId;
    private final Path partial;

    private ResultsFolder(Path root, String runId, Path partial) {
        this.root = root;
        this.runId = runId;
        this.partial = partial;
    }

    /**
     * Creates the partial folder.
     *
     * @throws IOException when the results folder cannot be created or written
     */
    public static ResultsFolder create(Path root, String runId) throws IOException {
        Files.createDirectories(root);
        Path partial = root.resolve("." + runId + ".partial");
        Files.createDirectory(partial);
        return new ResultsFolder(root, runId, partial);
    }

    /** The folder a plugin's own files go in; created by the plugin's context on first use. */
    public Path pluginFolder(String pluginId) {
        return partial.resolve("plugins").resolve(pluginId);
    }

    /**
     * The files a plugin wrote into its folder, relative to the run folder ({@code plugins/<id>/x.png}), sorted;
     * empty when it wrote nothing. The paths stay valid after {@link #publish()}, which renames the run folder.
     */
    public java.util.List<String> filesOf(String pluginId) {
        Path folder = pluginFolder(pluginId);
        if (!Files.isDirectory(folder)) {
            return java.util.List.of();
        }
        try (var paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile)
                    .map(path -> partial.relativize(path).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            LOG.warnf("cannot list the files of %s: %s", folder, e.getMessage());
            return java.util.List.of();
        }
    }

    /** Writes one file through a temporary file and a rename; a writer that fails leaves nothing behind. */
    @Override
    public void write(String fileName, Content content) throws IOException {
        if (!FILE_NAME.matcher(fileName).matches()) {
            throw new IllegalArgumentException("report file name '" + fileName + "' must be a plain file name");
        }
        Path target = partial.resolve(fileName);
        Path temp = partial.resolve("." + fileName + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Publishes the run: renames the partial folder to {@code <run-id>/} and points {@code latest} at it.
     *
     * @return the published folder
     */
    public Path publish() throws IOException {
        Path done = root.resolve(runId);
        move(partial, done);
        pointLatestAt(done);
        return done;
    }

    private void pointLatestAt(Path done) {
        Path latest = root.resolve(LATEST);
        Path temp = root.resolve("." + LATEST + "." + runId + ".tmp");
        try {
            Files.deleteIfExists(temp);
            Files.createSymbolicLink(temp, done.getFileName());
            Files.move(temp, latest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            // File systems without symbolic links: a one-line file naming the run instead.
            try {
                Files.deleteIfExists(temp);
                Path text = root.resolve(LATEST + ".txt");
                Path textTemp = root.resolve("." + LATEST + ".txt." + runId + ".tmp");
                Files.writeString(textTemp, runId + "\n");
                move(textTemp, text);
            } catch (IOException second) {
                LOG.warnf("could not update %s: %s", latest, second.getMessage());
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Resolves {@code results/latest} to the run folder it names, if any. */
    public static java.util.Optional<Path> latest(Path root) {
        Path link = root.resolve(LATEST);
        if (Files.isDirectory(link)) {
            try {
                return java.util.Optional.of(link.toRealPath());
            } catch (IOException e) {
                return java.util.Optional.empty();
            }
        }
        try {
            Path text = root.resolve(LATEST + ".txt");
            if (Files.isRegularFile(text)) {
                return java.util.Optional.of(root.resolve(Files.readString(text).trim()));
            }
        } catch (IOException e) {
            LOG.debugf("cannot read %s: %s", root.resolve(LATEST + ".txt"), e.getMessage());
        }
        return java.util.Optional.empty();
    }
}
