package io.icebench.icecube.read;

import io.icebench.icecube.IcecubeDataException;

/**
 * What went wrong while a file was read, said in one line naming the file and the fix. The three kinds a reader
 * must tell apart: the file system failing a read (check the cluster), bytes that do not decode (write the file
 * again), and a file changed underneath the reader (do not rewrite files being read).
 */
final class ReadFailures {

    private ReadFailures() {
    }

    /** A read the file system failed (not bytes that would not decode): said as such, in one line. */
    static IcecubeDataException remote(DataFile file, String role, Throwable e) {
        return file.error("reading the " + role + " failed in the middle (" + e.getMessage() + "); the file "
                + "system dropped the connection or lost every copy of a block: check the cluster and run again",
                e);
    }

    /** {@code e}, met while decoding {@code task}'s chunk, as the message that names the chunk. */
    static IcecubeDataException decoding(DataFile file, String role, ChunkTask task, Exception e) {
        if (e instanceof IcecubeDataException data) {
            return data;
        }
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof StreamInputFile.RemoteReadException) {
                return remote(file, role, t);
            }
        }
        if (e instanceof DecodeException) {
            return file.error(task.where() + ": " + e.getMessage(), e);
        }
        return file.error(task.where() + " cannot be decoded (" + e + "); the file is "
                + "damaged or truncated: write it again", e);
    }

    /**
     * The first failure of a parallel read, as what the caller throws. An {@link Error} other than the one a
     * shrinking mapping raises is rethrown as it is: it cannot be recovered from.
     */
    static RuntimeException ofRead(DataFile file, String role, Throwable problem) {
        if (problem instanceof IcecubeDataException data) {
            return data;
        }
        if (problem instanceof InterruptedException) {
            return file.error("reading was interrupted", problem);
        }
        if (problem instanceof InternalError) {
            // What a memory-mapped read reports when the file shrinks underneath it.
            return file.error("the " + role + " changed or was truncated while it was read ("
                    + problem.getMessage() + "); do not rewrite files that are being read", problem);
        }
        if (problem instanceof Error error) {
            throw error;
        }
        return file.error("cannot read the " + role + ": " + problem, problem);
    }
}
