package io.icebench.runner.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * The stream a report writer writes a file through. It remembers the first write error, so the file fails even
 * when the writer printed through a {@link java.io.PrintStream} (which swallows errors) and never asked; and a
 * writer that closes it only flushes it, so the results folder can still force the file to disk.
 */
final class CheckedStream extends OutputStream {

    private final OutputStream out;
    private IOException failure;

    CheckedStream(OutputStream out) {
        this.out = out;
    }

    /** The first error any write or flush met, whether or not the writer saw it. */
    Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private IOException remember(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }
}
