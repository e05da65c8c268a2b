package io.icebench.icecube;

import io.icebench.icecube.generate.DatasetGenerator;
import io.icebench.icecube.generate.GenerationSummary;
import io.icebench.icecube.generate.GeneratorSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The dataset plugins use when none is configured: synthetic data generated on first use into a cache folder
 * and reused afterwards.
 *
 * <p>The folder name is the generator settings' cache key, which includes the generator's version, so a change to
 * either makes a new dataset. Generation goes into a temporary folder that is renamed into place when complete:
 * a crash never leaves a half-written dataset that a later run would trust. Two processes racing both generate;
 * the second rename loses and its copy is deleted.
 */
public final class DefaultDataset {

    /**
     * Small enough that every gate reads it in seconds (2 batches of 10,000 events, ~3.6 million pulses), with 3
     * events of 50,000 to 180,000 pulses forced in so the extreme tail that DOM packing is about is present.
     */
    public static final GeneratorSettings SETTINGS = new GeneratorSettings(20_000, 10_000, 20_251_126L,
            Split.TRAIN, 3, io.icebench.icecube.parquet.WriteOptions.kaggle());

    /** Overrides the cache folder; otherwise {@code $XDG_CACHE_HOME/icebench/datasets} or {@code ~/.cache/...}. */
    public static final String CACHE_ENV = "ICEBENCH_DATA_CACHE";

    private static final Object LOCK = new Object();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final System.Logger LOG = System.getLogger(DefaultDataset.class.getName());

    private DefaultDataset() {
    }

    /** The configured dataset when there is one, else the default one (generated if needed). */
    public static Path resolve(Optional<Path> configured) {
        return configured.orElseGet(() -> ensure(SETTINGS, cacheRoot()));
    }

    /**
     * Where a plugin's data is: {@code configured} (a local folder's URI, or a Hadoop file system's) when there is one,
     * else the default dataset's folder (generated if needed). {@code Dataset.open(URI)} reads either.
     */
    public static java.net.URI location(Optional<java.net.URI> configured) {
        return configured.orElseGet(() -> ensure(SETTINGS, cacheRoot()).toUri());
    }

    /** A location as reports show it: without user information, which may hold a key. */
    public static String shown(java.net.URI location) {
        return location.getRawUserInfo() == null ? location.toString()
                : location.toString().replace(location.getRawUserInfo() + "@", "***@");
    }

    public static Path cacheRoot() {
        String configured = System.getenv(CACHE_ENV);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("icebench").resolve("datasets");
    }

    /** The dataset for {@code settings} under {@code cacheRoot}, generated first if it is not there. */
    public static Path ensure(GeneratorSettings settings, Path cacheRoot) {
        Path target = cacheRoot.resolve(settings.cacheKey());
        synchronized (LOCK) {
            if (Files.isDirectory(target)) {
                return target;
            }
            if (!Files.notExists(target)) {
                // Neither there nor not there: the cache folder cannot be entered.
                throw IcecubeDataException.permissionDenied(cacheRoot, "dataset cache", "set " + CACHE_ENV
                        + " to a folder of your own");
            }
            Path temp = null;
            try {
                Files.createDirectories(cacheRoot);
                temp = newFolder(cacheRoot, "." + settings.cacheKey() + ".partial-");
                LOG.log(System.Logger.Level.INFO, "generating the default dataset into " + target
                        + " (first use; reused afterwards)");
                GenerationSummary summary = DatasetGenerator.generate(settings, temp, done -> { });
                LOG.log(System.Logger.Level.INFO, String.format(java.util.Locale.ROOT,
                        "default dataset ready: %,d events, %,d pulses, %d batches in %.1f s",
                        summary.events(), summary.pulses(), summary.batches(), summary.seconds()));
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                    deleteTree(temp);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target);
                }
                return target;
            } catch (AccessDeniedException e) {
                if (temp != null) {
                    deleteQuietly(temp);
                }
                throw new IcecubeDataException(cacheRoot, "permission denied: this user may not create the default"
                        + " dataset in the dataset cache (" + e.getFile() + "); set " + CACHE_ENV + " to a folder"
                        + " of your own, or ask the cache's owner to make it writable (chmod a+rwx '" + cacheRoot
                        + "')", e);
            } catch (IOException e) {
                if (temp != null) {
                    deleteQuietly(temp);
                }
                throw new UncheckedIOException("cannot create the default dataset under '" + cacheRoot
                        + "': " + e.getMessage() + "; set " + CACHE_ENV + " to a writable folder", e);
            }
        }
    }

    /**
     * A new, empty folder with a unique name in {@code parent}, created with the permissions the user's umask gives
     * any new folder (usually 0755). {@link Files#createTempDirectory} would make it 0700, and the rename into place
     * would keep that: on a cache shared by several users (a CI runner's, say) the second user would find a
     * dataset folder it may not enter. A generated dataset holds nothing private, so nothing is lost.
     */
    public static Path newFolder(Path parent, String prefix) throws IOException {
        while (true) {
            Path candidate = parent.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36));
            try {
                return Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException taken) {
                // another process's: draw again
            }
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            deleteTree(folder);
        } catch (IOException ignored) {
            // best effort: a leftover .partial folder is never used
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
