package io.icebench.plugins.io;

import io.icebench.icecube.Column;
import io.icebench.icecube.PulseBatch;
import io.icebench.icecube.read.BatchReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** One measured batch file; {@code pulses} comes from the meta file and every read is checked against it. */
record BatchFile(int batchId, Path path, long bytes, long pulses) {

    double mib() {
        return bytes / StudyRun.MIB;
    }

    /** Reads the file with our reader and checks it holds the pulses the meta file promises. */
    long read(Set<Column> columns, int threads) {
        PulseBatch batch = BatchReader.read(path, columns, threads);
        if (batch.size() != pulses) {
            throw new IllegalStateException("batch " + batchId + " (" + path + ") read " + batch.size()
                    + " pulses, the meta file says " + pulses);
        }
        return batch.size();
    }

    /** Reads the file's bytes front to back, the physical limit, and checks none went missing. */
    long rawRead(RawReader raw) throws IOException {
        long read = raw.read(path);
        if (read != bytes) {
            throw new IllegalStateException("raw read of " + path + " got " + read + " bytes, the file has " + bytes
                    + "; was it changed during the run?");
        }
        return read;
    }
}
