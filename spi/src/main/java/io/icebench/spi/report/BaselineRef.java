package io.icebench.spi.report;

import java.util.List;
import java.util.Objects;

/**
 * The baseline a run was compared with.
 *
 * @param name        how it was asked for: a saved baseline's name, {@code latest}, or a file
 * @param runId       the run the baseline's samples came from
 * @param source      the file the samples were read from
 * @param differences fingerprint keys whose values differ from this run's, as {@code key ('old' vs 'new')}: soft keys
 *                    always, hard keys only when {@code fingerprint-mismatch: warn} let the comparison go on
 */
public record BaselineRef(String name, String runId, String source, List<String> differences) {

    public BaselineRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(source, "source");
        differences = List.copyOf(differences);
    }
}
