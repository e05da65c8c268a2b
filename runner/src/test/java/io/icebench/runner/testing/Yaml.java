package io.icebench.runner.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Configuration files for tests. */
public final class Yaml {

    /**
     * The calibration gate shrunk to a fraction of a second, with a generous ceiling: real work, quickly judged.
     * The data-pipeline gates are switched off here (the gate suite in regression-tests runs them); tests append
     * plugin sections to it.
     */
    public static final String FAST_CALIBRATION = """
            icebench:
              plugins:
                dataloader-throughput:
                  enabled: false
                forward-latency:
                  enabled: false
                cpu-calibration:
                  parameters: {elements: 20000, buffer_mib: 1, warmup_iterations: 1, iterations: 5}
                  thresholds:
                    - metric: sort_time
                      statistic: median
                      max: 10000
                      rationale: a ceiling no machine misses, so the test is about the runner, not the machine
            """;

    private Yaml() {
    }

    public static Path write(Path folder, String name, String content) {
        try {
            Files.createDirectories(folder);
            return Files.writeString(folder.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
