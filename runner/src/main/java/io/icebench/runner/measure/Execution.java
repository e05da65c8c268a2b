package io.icebench.runner.measure;

import io.icebench.spi.Measurements;
import io.icebench.spi.report.RunStatus;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one plugin run ended.
 *
 * @param status       completed, or why not
 * @param measurements what the plugin returned; present exactly when it completed
 * @param failure      one line saying why it did not complete; empty when it did
 * @param detail       the stack trace of a failure, for the JSON and JUnit reports; empty otherwise
 * @param duration     wall-clock time until it ended or was given up on
 */
public record Execution(RunStatus status, Optional<Measurements> measurements, Optional<String> failure,
                        Optional<String> detail, Duration duration) {

    public Execution {
        Objects.requireNonNull(status);
        if (status == RunStatus.COMPLETED && measurements.isEmpty()) {
            throw new IllegalArgumentException("a completed execution has measurements");
        }
    }

    public static Execution completed(Measurements measurements, Duration duration) {
        return new Execution(RunStatus.COMPLETED, Optional.of(measurements), Optional.empty(), Optional.empty(),
                duration);
    }

    public static Execution failed(RunStatus status, String failure, String detail, Duration duration) {
        return new Execution(status, Optional.empty(), Optional.of(failure), Optional.ofNullable(detail), duration);
    }
}
