package io.icebench.icecube;

import java.nio.file.Path;

/**
 * Data that cannot be used: a missing or truncated file, a file that is not parquet, a missing column, a column of
 * the wrong type, meta indices that do not match a batch. The message names the file and says what to do.
 */
public final class IcecubeDataException extends RuntimeException {

    private final Path file;

    public IcecubeDataException(Path file, String problem) {
        super("'" + file + "': " + problem);
        this.file = file;
    }

    public IcecubeDataException(Path file, String problem, Throwable cause) {
        super("'" + file + "': " + problem, cause);
        this.file = file;
    }

    /** The file the problem is in. */
    public Path file() {
        return file;
    }
}
