package io.icebench.icecube.read;

import io.icebench.icecube.IcecubeDataException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One file of a dataset, wherever it lives: a local {@link Path}, opened as a memory mapping (the fast path), or a
 * file on a Hadoop {@link FileSystem}, opened as one stream read by position. Errors name the path or the URI.
 */
final class DataFile {

    private final Path path;
    private final FileSystem fs;
    private final org.apache.hadoop.fs.Path remote;
    private final URI uri;
    private final long length;
    private final ReadCounters counters;

    private DataFile(Path path, FileSystem fs, org.apache.hadoop.fs.Path remote, URI uri, long length,
                     ReadCounters counters) {
        this.path = path;
        this.fs = fs;
        this.remote = remote;
        this.uri = uri;
        this.length = length;
        this.counters = counters;
    }

    static DataFile local(Path path) {
        return new DataFile(path, null, null, path.toUri(), -1, null);
    }

    /** A file on {@code fs} whose length a listing already gave (-1: ask when opened). */
    static DataFile remote(FileSystem fs, org.apache.hadoop.fs.Path file, long length) {
        return remote(fs, file, length, null);
    }

    /** As {@link #remote(FileSystem, org.apache.hadoop.fs.Path, long)}, telling {@code counters} of its reads. */
    static DataFile remote(FileSystem fs, org.apache.hadoop.fs.Path file, long length, ReadCounters counters) {
        return new DataFile(null, fs, file, fs.makeQualified(file).toUri(), length, counters);
    }

    boolean isLocal() {
        return path != null;
    }

    /** The local path; only for a local file. */
    Path path() {
        if (path == null) {
            throw new UnsupportedOperationException("'" + uri + "' is not a local file; use its URI");
        }
        return path;
    }

    URI uri() {
        return uri;
    }

    /** The file name alone, for messages. */
    String name() {
        return path != null ? String.valueOf(path.getFileName()) : remote.getName();
    }

    IcecubeDataException error(String problem) {
        return path != null ? new IcecubeDataException(path, problem) : new IcecubeDataException(uri, problem);
    }

    IcecubeDataException error(String problem, Throwable cause) {
        return path != null ? new IcecubeDataException(path, problem, cause)
                : new IcecubeDataException(uri, problem, cause);
    }

    /** Opens the file for positioned reads; {@code role} ("batch file") names it in messages. */
    PositionedFile open(String role) {
        return path != null ? openLocal(role) : openRemote(role);
    }

    private PositionedFile openLocal(String role) {
        if (!Files.exists(path)) {
            throw error(role + " does not exist; check the path, or the dataset folder"
                    + " (a split folder train/ or test/ of batch_N.parquet files, <split>_meta.parquet and "
                    + "sensor_geometry.csv beside it)");
        }
        if (!Files.isRegularFile(path)) {
            throw error(role + " is not a regular file; point the reader at a .parquet file");
        }
        try {
            return new MappedInputFile(path);
        } catch (NoSuchFileException e) {
            throw error(role + " does not exist; check the path", e);
        } catch (AccessDeniedException e) {
            throw IcecubeDataException.permissionDenied(path, role, IcecubeDataException.OWN_COPY);
        } catch (IOException e) {
            throw error("cannot open the " + role + ": " + e.getMessage(), e);
        }
    }

    private PositionedFile openRemote(String role) {
        FSDataInputStream stream = null;
        try {
            long size = length >= 0 ? length : fs.getFileStatus(remote).getLen();
            stream = fs.open(remote);
            return new StreamInputFile(uri, stream, size, counters);
        } catch (IOException e) {
            if (stream != null) {
                try {
                    stream.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw HadoopErrors.describe(uri, role, e);
        }
    }

    @Override
    public String toString() {
        return path != null ? path.toString() : uri.toString();
    }
}
