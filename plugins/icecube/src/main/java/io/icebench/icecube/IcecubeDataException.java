package io.icebench.icecube;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Data that cannot be used: a missing or truncated file, a file that is not parquet, a missing column, a column of
 * the wrong type, meta indices that do not match a batch. The message names the file and says what to do.
 */
public final class IcecubeDataException extends RuntimeException {

    private final Path file;
    private final String location;

    public IcecubeDataException(Path file, String problem) {
        super("'" + file + "': " + problem);
        this.file = file;
        this.location = String.valueOf(file);
    }

    public IcecubeDataException(Path file, String problem, Throwable cause) {
        super("'" + file + "': " + problem, cause);
        this.file = file;
        this.location = String.valueOf(file);
    }

    /** A problem with a file on a Hadoop file system ({@code hdfs://}, {@code s3a://}): named by its URI. */
    public IcecubeDataException(URI location, String problem) {
        this(location, problem, null);
    }

    public IcecubeDataException(URI location, String problem, Throwable cause) {
        super("'" + location + "': " + problem, cause);
        this.file = null;
        this.location = String.valueOf(location);
    }

    /**
     * This user may not read {@code path}, the {@code what} ("dataset folder", "batch file"): said as such, with
     * its owner and mode when they can be seen, rather than as a missing file or folder, which is what a failed
     * {@link Files#isDirectory} would suggest.
     *
     * @param fix what to do besides making it readable, such as pointing at a copy of one's own
     */
    public static IcecubeDataException permissionDenied(Path path, String what, String fix) {
        String owner = "";
        try {
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
            owner = " (owner " + attributes.owner().getName() + ", "
                    + PosixFilePermissions.toString(attributes.permissions()) + ")";
        } catch (IOException | UnsupportedOperationException e) {
            // a folder on the way is closed too, or not a POSIX file system: the path alone says enough
        }
        boolean folder = Files.isDirectory(path);
        return new IcecubeDataException(path, "permission denied: this user may not read the " + what + owner
                + "; make it readable (chmod " + (folder ? "-R a+rX" : "a+r") + " '" + path + "', or ask its owner)"
                + (fix == null || fix.isEmpty() ? "" : ", or " + fix));
    }

    /** What to say besides "make it readable" when a dataset cannot be read for want of permission. */
    public static final String OWN_COPY = "use a dataset folder of your own (--dataset DIR, or "
            + DefaultDataset.CACHE_ENV + " for the default dataset)";

    /** The file the problem is in; null when it is not a local file (see {@link #location()}). */
    public Path file() {
        return file;
    }

    /** The file or URI the problem is in, as the message names it. */
    public String location() {
        return location;
    }
}
