package io.icebench.runner.config;

import io.icebench.runner.UsageException;
import io.icebench.runner.statistics.Statistic;
import io.icebench.spi.report.InconclusivePolicy;
import io.icebench.runner.verdict.Threshold;
import io.icebench.spi.Parameters;
import io.icebench.spi.report.Bound;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Reads the YAML configuration through SmallRye Config and checks its form.
 *
 * <p>Precedence, highest first: {@code -Dicebench.*} system properties, {@code ICEBENCH_*} environment variables,
 * the YAML file. A mistake anywhere is a {@link UsageException} naming the key and the fix; unknown keys are
 * mistakes too, so a typo never silently falls back to a default.
 */
public final class ConfigLoader {

    /** The configuration file used when {@code --config} is not given, relative to the base folder. */
    public static final String DEFAULT_FILE = "config/icebench.yaml";

    private static final int YAML_ORDINAL = 250;

    private ConfigLoader() {
    }

    /**
     * Loads the configuration.
     *
     * @param explicit the file given with {@code --config}; must exist
     * @param base     the folder relative paths and the default file are resolved against
     */
    public static RunConfig load(Optional<Path> explicit, Path base) {
        Optional<Path> file = explicit.map(base::resolve);
        if (file.isPresent() && !Files.isRegularFile(file.get())) {
            throw new UsageException("configuration file '" + explicit.get() + "' does not exist; pass an existing"
                    + " YAML file to --config, or leave --config out to use " + DEFAULT_FILE);
        }
        if (file.isEmpty()) {
            Path fallback = base.resolve(DEFAULT_FILE);
            file = Files.isRegularFile(fallback) ? Optional.of(fallback) : Optional.empty();
        }
        IcebenchConfig raw = read(file);
        String where = file.map(Path::toString).orElse("the built-in defaults");
        return validate(raw, file, base, where);
    }

    private static IcebenchConfig read(Optional<Path> file) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .addSystemSources()
                .withMapping(IcebenchConfig.class)
                .withValidateUnknown(true);
        if (file.isPresent()) {
            builder.withSources(yaml(file.get()));
        }
        String where = file.map(p -> "'" + p + "'").orElse("the environment");
        try {
            SmallRyeConfig config = builder.build();
            return config.getConfigMapping(IcebenchConfig.class);
        } catch (ConfigValidationException e) {
            throw new UsageException("configuration " + where + ": " + describe(e));
        } catch (IllegalArgumentException | NoSuchElementException e) {
            throw new UsageException("configuration " + where + ": " + wholeNumber(oneLine(e.getMessage())));
        }
    }

    private static final java.util.regex.Pattern NOT_AN_INT = java.util.regex.Pattern.compile(
            ".*config property (\\S+) with the config value \"(.*)\" threw .*Expected an integer value.*");

    /**
     * SmallRye calls 99999999999999 "not an integer" for an int key; say it is out of range, and give the key's
     * range (the same as {@link #validate} checks).
     */
    static String wholeNumber(String message) {
        java.util.regex.Matcher matcher = NOT_AN_INT.matcher(message);
        if (!matcher.matches()) {
            return message;
        }
        String key = matcher.group(1);
        String value = matcher.group(2);
        String range = key.endsWith(".forks") ? "a count from 1 to 100"
                : key.endsWith(".paired.min-blocks") ? "a count from "
                        + io.icebench.runner.statistics.PairedComparison.MIN_BLOCKS + " to 1000"
                : key.endsWith(".paired.max-blocks") ? "a count from min-blocks to 1000"
                : key.equals("icebench.inconclusive-reruns") ? "a count from 0 to 20"
                : "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        return "'" + key + "' is " + (value.trim().matches("[+-]?\\d+") ? value.trim() + ", which is out of range"
                : "'" + value + "', which is not a whole number") + "; write " + range;
    }

    /** The file's text, checked by {@link ConfigFile} (size, alias expansion, duplicate keys) before SmallRye. */
    private static YamlConfigSource yaml(Path file) {
        String text = ConfigFile.read(file);
        try {
            return new YamlConfigSource("YamlConfigSource[source=" + file.toUri() + "]", text, YAML_ORDINAL);
        } catch (RuntimeException e) {
            // SnakeYAML reports syntax errors as runtime exceptions with the line and column in the message.
            throw new UsageException("configuration file '" + file + "' is not valid YAML: "
                    + oneLine(e.getMessage()) + "; fix the syntax at that line");
        }
    }

    private static String describe(ConfigValidationException e) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < e.getProblemCount(); i++) {
            problems.add(rewrite(e.getProblem(i).getMessage()));
        }
        return String.join("; ", problems);
    }

    /** SmallRye's messages name the property but not the fix; add it for the common cases. */
    private static String rewrite(String message) {
        String line = wholeNumber(oneLine(message));
        if (line.contains("does not map to any root") || line.contains("not mapped")) {
            return line + " (unknown key: check its spelling against docs/CONFIG.md)";
        }
        return line;
    }

    static RunConfig validate(IcebenchConfig raw, Optional<Path> file, Path base, String where) {
        Map<String, PluginSettings> plugins = new LinkedHashMap<>();
        for (Map.Entry<String, IcebenchConfig.PluginConfig> entry : raw.plugins().entrySet()) {
            String id = entry.getKey();
            IcebenchConfig.PluginConfig plugin = entry.getValue();
            String prefix = "icebench.plugins." + id;
            Optional<Duration> timeout = plugin.timeout().map(text -> duration(text, prefix + ".timeout", where));
            List<Threshold> thresholds = new ArrayList<>();
            int index = 0;
            for (IcebenchConfig.ThresholdConfig threshold : plugin.thresholds()) {
                thresholds.add(threshold(threshold, prefix + ".thresholds[" + index++ + "]", where));
            }
            if (plugin.forks() < 1 || plugin.forks() > 100) {
                throw new UsageException("configuration " + where + ": '" + prefix + ".forks' is " + plugin.forks()
                        + "; write a count from 1 (the runner's own JVM, the default) to 100");
            }
            plugins.put(id, new PluginSettings(id, plugin.enabled(), timeout, flattenLists(plugin.parameters()),
                    thresholds, plugin.forks(), paired(plugin.paired(), prefix + ".paired", where)));
        }
        Optional<String> datasetText = raw.dataset().filter(s -> !s.isBlank());
        Optional<java.net.URI> remoteDataset = datasetText.filter(RemoteData::isRemote)
                .map(text -> RemoteData.parse(text, "configuration " + where + ": 'icebench.dataset'"));
        Optional<Path> dataset = datasetText.filter(text -> !RemoteData.isRemote(text))
                .map(text -> RemoteData.localFolder(text, base));
        RemoteData remote = new RemoteData(remoteDataset, RemoteData.settings(raw.hadoop(), where));
        double level = raw.confidenceLevel();
        if (!(level > 0 && level < 1)) {
            throw new UsageException("configuration " + where + ": 'icebench.confidence-level' is " + level
                    + ", which is not a probability strictly between 0 and 1; write it as 0.95 (the default) or 0.99");
        }
        double alpha = raw.alpha();
        if (!(alpha > 0 && alpha < 1)) {
            throw new UsageException("configuration " + where + ": 'icebench.alpha' is " + alpha
                    + ", which is not a probability strictly between 0 and 1; write it as 0.01 (the default) or 0.05");
        }
        String mismatch = raw.fingerprintMismatch().trim().toLowerCase(java.util.Locale.ROOT);
        if (!mismatch.equals("refuse") && !mismatch.equals("warn")) {
            throw new UsageException("configuration " + where + ": 'icebench.fingerprint-mismatch' is '"
                    + raw.fingerprintMismatch() + "'; write 'refuse' (a baseline from a different machine stops the"
                    + " run with exit 5, the default) or 'warn' (compare anyway, with the differences shown)");
        }
        if (raw.inconclusiveReruns() < 0 || raw.inconclusiveReruns() > 20) {
            throw new UsageException("configuration " + where + ": 'icebench.inconclusive-reruns' is "
                    + raw.inconclusiveReruns() + "; write a count from 0 (no re-runs) to 20, the default is "
                    + RunConfig.DEFAULT_INCONCLUSIVE_RERUNS);
        }
        return new RunConfig(file, base.resolve(raw.resultsDir()), dataset, raw.reports(), plugins, level, alpha,
                mismatch.equals("warn"), raw.inconclusiveReruns(), raw.confirmFailures(),
                raw.confirmInFreshJvm(), Isolation.parse(raw.isolation(), where),
                io.icebench.runner.discovery.PluginAllowlist.parse(raw.pluginAllowlist(), where), remote);
    }

    private static final java.util.regex.Pattern INDEXED = java.util.regex.Pattern.compile("(.+)\\[(\\d+)]");

    /**
     * A YAML list such as {@code max_seq_len: [256, 512]} reaches a {@code Map<String, String>} both as
     * {@code max_seq_len=256,512} and as {@code max_seq_len[0]=256, max_seq_len[1]=512}; keep one key per
     * parameter, in the comma-separated form parameters parse.
     */
    static Map<String, String> flattenLists(Map<String, String> raw) {
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, java.util.TreeMap<Integer, String>> indexed = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            java.util.regex.Matcher matcher = INDEXED.matcher(entry.getKey());
            if (matcher.matches()) {
                indexed.computeIfAbsent(matcher.group(1), k -> new java.util.TreeMap<>())
                        .put(Integer.parseInt(matcher.group(2)), entry.getValue());
            } else {
                plain.put(entry.getKey(), entry.getValue());
            }
        }
        indexed.forEach((name, items) -> plain.putIfAbsent(name, String.join(",", items.values())));
        return plain;
    }

    private static PluginSettings.PairedDesign paired(IcebenchConfig.PairedConfig raw, String key, String where) {
        int floor = io.icebench.runner.statistics.PairedComparison.MIN_BLOCKS;
        if (raw.minBlocks() < floor || raw.minBlocks() > 1000) {
            throw new UsageException("configuration " + where + ": '" + key + ".min-blocks' is " + raw.minBlocks()
                    + "; write a count from " + floor + " to 1000 (the default is 6)");
        }
        if (raw.maxBlocks() < raw.minBlocks() || raw.maxBlocks() > 1000) {
            throw new UsageException("configuration " + where + ": '" + key + ".max-blocks' is " + raw.maxBlocks()
                    + "; write a count from min-blocks (" + raw.minBlocks() + ") to 1000 (the default is 30)");
        }
        return new PluginSettings.PairedDesign(raw.minBlocks(), raw.maxBlocks(),
                duration(raw.budget(), key + ".budget", where), raw.duet(), flattenLists(raw.parameters()));
    }

    private static Threshold threshold(IcebenchConfig.ThresholdConfig raw, String key, String where) {
        int bounds = (raw.min().isPresent() ? 1 : 0) + (raw.max().isPresent() ? 1 : 0)
                + (raw.maxRegression().isPresent() ? 1 : 0) + (raw.pairedMaxRegression().isPresent() ? 1 : 0);
        if (bounds != 1) {
            throw new UsageException("configuration " + where + ": '" + key + "' needs exactly one of 'min', 'max',"
                    + " 'max_regression' or 'paired_max_regression' (min for floors such as throughput, max for"
                    + " ceilings such as latency, max_regression: 10% for a change against a stored baseline,"
                    + " paired_max_regression: 3% for a change against the base revision with --against)");
        }
        String rationale = raw.rationale().map(String::trim).orElse("");
        if (rationale.isEmpty()) {
            throw new UsageException("configuration " + where + ": '" + key + "' has no 'rationale'; add one line"
                    + " saying why the limit was chosen, reports show it beside the verdict");
        }
        InconclusivePolicy inconclusive = InconclusivePolicy.parse(raw.inconclusive()).orElseThrow(
                () -> new UsageException("configuration " + where + ": '" + key + ".inconclusive' is '"
                        + raw.inconclusive() + "'; write 'warn' (an interval still straddling the limit after the"
                        + " re-runs passes with a warning, the default), 'fail' (it counts as a failed threshold) or"
                        + " 'report' (it passes with a warning and the runner exits 4)"));
        if (raw.maxRegression().isPresent() || raw.pairedMaxRegression().isPresent()) {
            boolean paired = raw.pairedMaxRegression().isPresent();
            String name = paired ? "paired_max_regression" : "max_regression";
            String text = (paired ? raw.pairedMaxRegression() : raw.maxRegression()).get().trim();
            String statistic = raw.statistic().trim().toLowerCase(java.util.Locale.ROOT);
            if (!paired && !statistic.equals("median") && !statistic.equals("p50")) {
                throw new UsageException("configuration " + where + ": '" + key + ".statistic' is '" + raw.statistic()
                        + "', but '" + name + "' compares whole samples (Mann-Whitney U and the Hodges-Lehmann"
                        + " change); leave 'statistic' out or write median");
            }
            double percent = percent(text);
            if (!(percent >= 0) || Double.isInfinite(percent)) {
                throw new UsageException("configuration " + where + ": '" + key + "." + name + "' is '" + text
                        + "', which is not a percentage; write it as " + (paired ? "3% (or 3)" : "10% (or 10)"));
            }
            if (paired) {
                Statistic perFork;
                try {
                    perFork = Statistic.parse(raw.statistic());
                } catch (UsageException e) {
                    throw new UsageException("configuration " + where + ": '" + key + ".statistic': "
                            + e.getMessage());
                }
                return new Threshold.Paired(raw.metric(), perFork, percent, rationale, inconclusive);
            }
            if (!raw.inconclusive().trim().equalsIgnoreCase("warn")) {
                throw new UsageException("configuration " + where + ": '" + key + ".inconclusive' has no effect on"
                        + " 'max_regression', which is never inconclusive; remove it, or use paired_max_regression");
            }
            return new Threshold.Relative(raw.metric(), percent, rationale);
        }
        Statistic statistic;
        try {
            statistic = Statistic.parse(raw.statistic());
        } catch (UsageException e) {
            throw new UsageException("configuration " + where + ": '" + key + ".statistic': " + e.getMessage());
        }
        Bound bound = raw.min().isPresent() ? Bound.MIN : Bound.MAX;
        double limit = raw.min().orElseGet(() -> raw.max().orElseThrow());
        return new Threshold.Absolute(raw.metric(), statistic, bound, limit, rationale, inconclusive);
    }

    /** {@code 10%} or {@code 10} as 10.0; NaN when it is neither. */
    static double percent(String text) {
        try {
            return Double.parseDouble(text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static Duration duration(String text, String key, String where) {
        try {
            Duration duration = Parameters.parseDuration(text);
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException("must be positive");
            }
            return duration;
        } catch (RuntimeException e) {
            throw new UsageException("configuration " + where + ": '" + key + "' is '" + text
                    + "', which is not a positive duration; write it as 90s, 5m or PT5M");
        }
    }

    private static String oneLine(String message) {
        return message == null ? "(no detail)" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
