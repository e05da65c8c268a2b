package io.icebench.spi.report;

import java.util.List;
import java.util.Objects;

/**
 * The baseline a run was compared with.
 *
 * @param method      a stored run ({@code --baseline}) or the base revision measured in this job ({@code --against})
 * @param name        how it was asked for: a saved baseline's name, {@code latest}, or a file
 * @param runId       the run the baseline's samples came from
 * @param source      the file the samples were read from
 * @param differences fingerprint keys whose values differ from this run's, as {@code key ('old' vs 'new')}: soft keys
 *                    always, hard keys only when {@code fingerprint-mismatch: warn} let the comparison go on
 */
public record BaselineRef(Comparison.Method method, String name, String runId, String source,
                          List<String> differences) {

    public BaselineRef {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(source, "source");
        differences = List.copyOf(differences);
    }

    /** Whether this is the base revision measured in this job, fork against fork ({@code --against}). */
    public boolean paired() {
        return method == Comparison.Method.PAIRED;
    }
}
