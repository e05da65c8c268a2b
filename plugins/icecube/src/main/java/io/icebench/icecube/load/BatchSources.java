package io.icebench.icecube.load;

import io.icebench.icecube.collate.EventSource;

/**
 * The files a {@link DataLoader} reads: how many, how many events each holds (known without decoding, from the
 * meta file), and decoding one. {@link #load} may be called from several threads, for different files.
 */
public interface BatchSources {

    int files();

    int eventsOf(int file);

    EventSource load(int file) throws Exception;
}
