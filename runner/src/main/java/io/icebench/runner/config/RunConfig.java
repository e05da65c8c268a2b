package io.icebench.runner.config;

import io.icebench.runner.discovery.PluginAllowlist;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated configuration of a run.
 *
 * @param source     the YAML file read; empty when none existed and built-in defaults apply
 * @param resultsDir where run folders go
 * @param dataset    the dataset folder; empty for the embedded default
 * @param reports    report writer ids, in order
 * @param plugins    settings by plugin id, for the plugins the configuration mentions
 * @param confidenceLevel level of the median's confidence interval, in (0, 1)
 * @param alpha      significance level of relative thresholds' Mann-Whitney U test, in (0, 1)
 * @param fingerprintMismatchWarns {@code fingerprint-mismatch: warn}: a baseline from a machine whose hard keys
 *                   differ is compared anyway, with a warning; false ({@code refuse}) refuses it (exit 5)
 * @param inconclusiveReruns how many more times a gate whose threshold is INCONCLUSIVE is run, its samples pooled
 *                   with the earlier runs', before the threshold's {@code inconclusive} policy decides; 0 disables
 * @param confirmFailures whether a gate with a failed threshold or a regression is run once more, and fails only if
 *                   the re-run fails the same threshold too
 * @param confirmInFreshJvm whether that confirmation runs in a JVM of its own (packaged runner, built-in plugins)
 * @param isolation  where plugins run: each in a JVM of its own (the default), or on a thread of the runner's
 * @param pluginAllowlist the plugin jars that may load ({@code icebench.plugin-allowlist}); NONE when not set
 * @param remote     a dataset on a Hadoop file system, and the run's Hadoop settings; NONE for none
 */
public record RunConfig(Optional<Path> source, Path resultsDir, Optional<Path> dataset, List<String> reports,
                        Map<String, PluginSettings> plugins, double confidenceLevel, double alpha,
                        boolean fingerprintMismatchWarns, int inconclusiveReruns, boolean confirmFailures,
                        boolean confirmInFreshJvm, Isolation isolation, PluginAllowlist pluginAllowlist,
                        RemoteData remote) {

    /** A configuration with a local dataset or none, and no Hadoop settings. */
    public RunConfig(Optional<Path> source, Path resultsDir, Optional<Path> dataset, List<String> reports,
                     Map<String, PluginSettings> plugins, double confidenceLevel, double alpha,
                     boolean fingerprintMismatchWarns, int inconclusiveReruns, boolean confirmFailures,
                     boolean confirmInFreshJvm, Isolation isolation, PluginAllowlist pluginAllowlist) {
        this(source, resultsDir, dataset, reports, plugins, confidenceLevel, alpha, fingerprintMismatchWarns,
                inconclusiveReruns, confirmFailures, confirmInFreshJvm, isolation, pluginAllowlist, RemoteData.NONE);
    }

    /** A configuration whose plugins run in JVMs of their own, every drop-in jar allowed. */
    public RunConfig(Optional<Path> source, Path resultsDir, Optional<Path> dataset, List<String> reports,
                     Map<String, PluginSettings> plugins, double confidenceLevel, double alpha,
                     boolean fingerprintMismatchWarns, int inconclusiveReruns, boolean confirmFailures,
                     boolean confirmInFreshJvm) {
        this(source, resultsDir, dataset, reports, plugins, confidenceLevel, alpha, fingerprintMismatchWarns,
                inconclusiveReruns, confirmFailures, confirmInFreshJvm, Isolation.FORK, PluginAllowlist.NONE);
    }

    /** Re-runs of an inconclusive gate when the configuration does not say. */
    public static final int DEFAULT_INCONCLUSIVE_RERUNS = 2;

    /** A configuration with the default alpha and fingerprint policy. */
    public RunConfig(Optional<Path> source, Path resultsDir, Optional<Path> dataset, List<String> reports,
                     Map<String, PluginSettings> plugins, double confidenceLevel) {
        this(source, resultsDir, dataset, reports, plugins, confidenceLevel,
                io.icebench.runner.verdict.Gate.DEFAULT_ALPHA, false, DEFAULT_INCONCLUSIVE_RERUNS, true, true);
    }

    /** A configuration with the default confidence level. */
    public RunConfig(Optional<Path> source, Path resultsDir, Optional<Path> dataset, List<String> reports,
                     Map<String, PluginSettings> plugins) {
        this(source, resultsDir, dataset, reports, plugins, io.icebench.runner.statistics.Summaries.DEFAULT_CONFIDENCE_LEVEL);
    }

    public RunConfig {
        reports = List.copyOf(reports);
        pluginAllowlist = pluginAllowlist == null ? PluginAllowlist.NONE : pluginAllowlist;
        remote = remote == null ? RemoteData.NONE : remote;
        plugins = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(plugins));
        if (inconclusiveReruns < 0) {
            throw new IllegalArgumentException("inconclusive re-runs must be >= 0, was " + inconclusiveReruns);
        }
    }

    /** The settings of a plugin, or its defaults when the configuration does not mention it. */
    public PluginSettings plugin(String id) {
        return plugins.getOrDefault(id, PluginSettings.defaults(id));
    }

    public RunConfig withResultsDir(Path dir) {
        return new RunConfig(source, dir, dataset, reports, plugins, confidenceLevel, alpha, fingerprintMismatchWarns,
                inconclusiveReruns, confirmFailures, confirmInFreshJvm, isolation, pluginAllowlist, remote);
    }

    /** The same configuration with a local dataset folder (and no remote one). */
    public RunConfig withDataset(Path dir) {
        return new RunConfig(source, resultsDir, Optional.of(dir), reports, plugins, confidenceLevel, alpha,
                fingerprintMismatchWarns, inconclusiveReruns, confirmFailures, confirmInFreshJvm, isolation,
                pluginAllowlist, new RemoteData(Optional.empty(), remote.hadoop()));
    }

    /** The same configuration with a dataset on a Hadoop file system (and no local one). */
    public RunConfig withRemoteDataset(java.net.URI location) {
        return new RunConfig(source, resultsDir, Optional.empty(), reports, plugins, confidenceLevel, alpha,
                fingerprintMismatchWarns, inconclusiveReruns, confirmFailures, confirmInFreshJvm, isolation,
                pluginAllowlist, new RemoteData(Optional.of(location), remote.hadoop()));
    }

    /**
     * The dataset as a plugin's {@code --dataset} argument: the local folder's absolute path or the remote URI;
     * empty for the embedded default.
     */
    public Optional<String> datasetArgument() {
        return remote.location().map(java.net.URI::toString)
                .or(() -> dataset.map(dir -> dir.toAbsolutePath().toString()));
    }

    /** The same configuration with other re-run settings (calibration and tests). */
    public RunConfig withReruns(int inconclusive, boolean confirm) {
        return new RunConfig(source, resultsDir, dataset, reports, plugins, confidenceLevel, alpha,
                fingerprintMismatchWarns, inconclusive, confirm, confirmInFreshJvm, isolation, pluginAllowlist, remote);
    }

    /** The same configuration with confirmation re-runs in this JVM ({@code false}) or a fresh one. */
    public RunConfig withFreshJvmConfirmation(boolean fresh) {
        return new RunConfig(source, resultsDir, dataset, reports, plugins, confidenceLevel, alpha,
                fingerprintMismatchWarns, inconclusiveReruns, confirmFailures, fresh, isolation, pluginAllowlist, remote);
    }

    /** The same configuration with plugins run as {@code isolation} says (tests, calibration). */
    public RunConfig withIsolation(Isolation where) {
        return new RunConfig(source, resultsDir, dataset, reports, plugins, confidenceLevel, alpha,
                fingerprintMismatchWarns, inconclusiveReruns, confirmFailures, confirmInFreshJvm, where, pluginAllowlist, remote);
    }

    /** The same configuration with another allowlist of drop-in jars. */
    public RunConfig withPluginAllowlist(PluginAllowlist allowlist) {
        return new RunConfig(source, resultsDir, dataset, reports, plugins, confidenceLevel, alpha,
                fingerprintMismatchWarns, inconclusiveReruns, confirmFailures, confirmInFreshJvm, isolation, allowlist, remote);
    }
}
