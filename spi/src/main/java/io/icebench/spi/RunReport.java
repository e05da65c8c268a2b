package io.icebench.spi;

import io.icebench.spi.report.BaselineRef;
import io.icebench.spi.report.Outcome;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a run produced, as report writers receive it.
 *
 * @param runId           the run's identifier, also its folder name under {@code results/}
 * @param mode            {@code regression} or {@code explore}
 * @param startedAt       when the run started
 * @param finishedAt      when the last plugin finished
 * @param icebenchVersion the runner's version
 * @param environment     facts about the machine and JVM the run happened on
 * @param configuration   where the configuration came from and the settings that shaped the run
 * @param plugins         one per plugin that was run, in run order
 * @param problems        plugins that could not be loaded, with why; the run went on without them; and, in the
 *                        reports written again after it, report writers or the history append that failed
 * @param exitCode        the code the runner exits with
 * @param baseline        the baseline relative thresholds were compared with; empty when none was used
 */
public record RunReport(String runId, String mode, Instant startedAt, Instant finishedAt, String icebenchVersion,
                        Map<String, String> environment, Map<String, String> configuration,
                        List<PluginReport> plugins, List<String> problems, int exitCode,
                        Optional<BaselineRef> baseline) {

    public RunReport {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(icebenchVersion, "icebenchVersion");
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
        plugins = List.copyOf(plugins);
        problems = List.copyOf(problems);
        Objects.requireNonNull(baseline, "baseline");
    }

    /** The verdict of the whole run: ERROR before FAIL before PASS; NONE when nothing was judged. */
    public Outcome outcome() {
        return outcomeOf(plugins);
    }

    /** The verdict of a run made of these plugins; see {@link #outcome()}. */
    public static Outcome outcomeOf(List<PluginReport> plugins) {
        boolean failed = false;
        boolean passed = false;
        boolean unreliable = false;
        for (PluginReport plugin : plugins) {
            switch (plugin.outcome()) {
                case ERROR -> {
                    return Outcome.ERROR;
                }
                case FAIL -> failed = true;
                case PASS -> passed = true;
                case UNRELIABLE -> unreliable = true;
                default -> {
                }
            }
        }
        return failed ? Outcome.FAIL : unreliable ? Outcome.UNRELIABLE : passed ? Outcome.PASS : Outcome.NONE;
    }
}
