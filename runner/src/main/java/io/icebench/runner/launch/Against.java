package io.icebench.runner.launch;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code --against} names: the base that paired thresholds compare this build with, measured in the same job.
 *
 * @param revision   {@code --against REF}: a git revision of the project in the working directory, built once
 * @param app        {@code --against-app DIR}: an application already built
 * @param pluginPath {@code --against-plugin-path DIR}: the base's drop-in plugin folder; empty means the same
 *                   {@code --plugin-path} as this build
 */
public record Against(Optional<String> revision, Optional<Path> app, Optional<Path> pluginPath) {

    public Against {
        if (revision.isPresent() == app.isPresent()) {
            throw new IllegalArgumentException("exactly one of a revision and an application");
        }
    }

    public static Against revision(String ref) {
        return new Against(Optional.of(ref), Optional.empty(), Optional.empty());
    }

    public static Against app(Path dir) {
        return new Against(Optional.empty(), Optional.of(dir), Optional.empty());
    }

    public Against withPluginPath(Optional<Path> folder) {
        return new Against(revision, app, folder);
    }

    /** {@code --against HEAD~1} or {@code --against-app DIR}, for messages. */
    public String option() {
        return revision.map(ref -> "--against " + ref).orElseGet(() -> "--against-app " + app.orElseThrow());
    }
}
