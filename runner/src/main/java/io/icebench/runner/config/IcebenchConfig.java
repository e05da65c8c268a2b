package io.icebench.runner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The YAML configuration as SmallRye Config maps it: {@code config/icebench.yaml} unless {@code --config} names
 * another file, overridden by {@code ICEBENCH_*} environment variables and {@code -Dicebench.*} system properties.
 * docs/CONFIG.md documents every key; {@link ConfigLoader} turns this raw view into a validated {@link RunConfig}.
 */
@ConfigMapping(prefix = "icebench")
public interface IcebenchConfig {

    /** Folder that receives {@code <run-id>/} folders; relative to the working directory. */
    @WithDefault("results")
    String resultsDir();

    /**
     * Dataset in the Kaggle layout: a local folder, or a Hadoop file system's URI ({@code hdfs://}, {@code s3a://});
     * absent means the embedded default dataset.
     */
    Optional<String> dataset();

    /**
     * Hadoop settings for datasets on Hadoop file systems, such as {@code fs.s3a.endpoint}, over those of
     * {@code HADOOP_CONF_DIR}; never credentials ({@link RemoteData}).
     */
    Map<String, String> hadoop();

    /** Ids of the report writers to run. */
    @WithDefault("json,junit-xml,markdown,csv,html")
    List<String> reports();

    /** Confidence level of the median's interval, in (0, 1): used by summaries and by thresholds on the median. */
    @WithDefault("0.95")
    double confidenceLevel();

    /** Significance level of relative thresholds' one-sided Mann-Whitney U test, in (0, 1). */
    @WithDefault("0.01")
    double alpha();

    /** What a baseline whose hard fingerprint keys differ does: {@code refuse} (exit 5) or {@code warn}. */
    @WithDefault("refuse")
    String fingerprintMismatch();

    /**
     * How many more times a regression gate with an INCONCLUSIVE threshold is run (its samples pooled with the
     * earlier runs') before the threshold's {@code inconclusive} policy decides; 0 turns re-runs off.
     */
    @WithDefault("2")
    int inconclusiveReruns();

    /**
     * Whether a regression gate with a failed threshold or a detected regression is run once more, failing only when
     * the re-run fails the same threshold again.
     */
    @WithDefault("true")
    boolean confirmFailures();

    /**
     * Whether that confirmation re-run happens in a JVM of its own (built-in plugins, packaged runner), so that a
     * false alarm caused by this JVM's JIT decisions or memory layout is not confirmed by the same JVM.
     */
    @WithDefault("true")
    boolean confirmInFreshJvm();

    /**
     * Where plugins run: {@code fork}, each run in a JVM of its own that nothing it does can take the runner down
     * with; or {@code none}, on a thread of the runner's JVM (debugging). See {@link Isolation}.
     */
    @WithDefault("fork")
    String isolation();

    /**
     * The sha256 digests of the plugin jars that may load; when set, any other jar in the plugin folder is refused
     * before it is loaded. Each entry is a digest, or a line as {@code sha256sum} prints it.
     */
    Optional<List<String>> pluginAllowlist();

    /** Per-plugin settings by plugin id. */
    Map<String, PluginConfig> plugins();

    /** Settings of one plugin. */
    interface PluginConfig {

        /** A disabled plugin is not run by {@code --mode=regression}; {@code --plugin} still runs it. */
        @WithDefault("true")
        boolean enabled();

        /** Longest a run may take, such as {@code 90s} or {@code 5m}; the plugin's default when absent. */
        Optional<String> timeout();

        /**
         * How many JVMs of its own one run of the plugin measures in, their samples pooled (JMH's forks); 1 runs it
         * in the runner's JVM. Built-in plugins and the packaged runner only; otherwise the runs stay in-process.
         */
        @WithDefault("1")
        int forks();

        /** Plugin parameters, checked against what the plugin declares. */
        Map<String, String> parameters();

        /** How {@code --against} measures this gate: blocks of one fork of each side, until decided or out of budget. */
        PairedConfig paired();

        /** Thresholds judged in every run of this plugin. */
        List<ThresholdConfig> thresholds();
    }

    /** The sequential design of a paired A/B run ({@code --against}) of one gate. */
    interface PairedConfig {

        /** Blocks measured before the first look at the interval. */
        @WithDefault("6")
        int minBlocks();

        /** Blocks after which the run stops, decided or not (INCONCLUSIVE). */
        @WithDefault("30")
        int maxBlocks();

        /** Wall time after which no new block starts, such as {@code 3m}. */
        @WithDefault("3m")
        String budget();

        /** Run a block's two forks at the same time (duet benchmarking) instead of one after the other. */
        @WithDefault("false")
        boolean duet();

        /**
         * Parameters for the paired forks only, over the plugin's {@code parameters}: a fork is the unit, so a
         * shorter fork (fewer iterations) buys more blocks in the same budget.
         */
        Map<String, String> parameters();
    }

    /**
     * One threshold: exactly one of {@code min}, {@code max}, {@code max_regression} and
     * {@code paired_max_regression}, and always a rationale.
     */
    interface ThresholdConfig {

        String metric();

        /** {@code median}, {@code mean}, {@code min}, {@code max} or a percentile such as {@code p90}, {@code p99.9}. */
        @WithDefault("median")
        String statistic();

        Optional<Double> min();

        Optional<Double> max();

        /** A relative threshold: at most this much worse than the baseline, {@code 10%} or {@code 10}. */
        @WithName("max_regression")
        Optional<String> maxRegression();

        /**
         * A paired threshold: at most this much worse than the base revision measured in the same job
         * ({@code --against}), {@code 3%} or {@code 3}.
         */
        @WithName("paired_max_regression")
        Optional<String> pairedMaxRegression();

        /** Why this limit: reports show it beside the verdict. */
        Optional<String> rationale();

        /**
         * What an INCONCLUSIVE verdict (interval straddling the limit after the re-runs) does: {@code warn},
         * {@code fail} or {@code report} (exit 4).
         */
        @WithDefault("warn")
        String inconclusive();
    }
}
