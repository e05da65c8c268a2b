package io.icebench.runner.discovery;

import java.util.Optional;

/**
 * Something that could not be loaded, and why. The run goes on without it.
 *
 * @param source  the jar, folder or class the problem is in
 * @param id      the plugin's or writer's id, when it got far enough to tell it
 * @param message one line: what went wrong and the fix
 */
public record DiscoveryProblem(String source, Optional<String> id, String message) {

    public DiscoveryProblem(String source, String message) {
        this(source, Optional.empty(), message);
    }

    public DiscoveryProblem(String source, String id, String message) {
        this(source, Optional.of(id), message);
    }

    @Override
    public String toString() {
        return source + ": " + message;
    }
}
