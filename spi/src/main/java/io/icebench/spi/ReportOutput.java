package io.icebench.spi;

import java.io.IOException;
import java.io.OutputStream;

/** Where a {@link ReportWriter} puts its files: the run's results folder. */
public interface ReportOutput {

    /** Writes one file, such as {@code results.json}; the content goes to a temporary file that is renamed when complete. */
    void write(String fileName, Content content) throws IOException;

    /** Produces a file's bytes. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }
}
