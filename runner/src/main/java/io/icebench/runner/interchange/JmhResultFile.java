package io.icebench.runner.interchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.icebench.runner.UsageException;
import io.icebench.spi.Direction;
import io.icebench.spi.Measurement;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.Unit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the JSON JMH writes with {@code -rf json} (JMH's {@code JSONResultFormat}) into icebench measurements, one
 * metric per benchmark (and per parameter combination).
 *
 * <p>Mapping, documented in docs/REPORTS.md:
 * <ul>
 * <li>Metric name: {@code Class.method} (the last two parts of {@code benchmark}, or all after {@code icebench.} in
 * icebench's own export; the whole name when two benchmarks
 * share them) followed by {@code .key-value} for each of {@code params}, lower-cased, every character outside
 * {@code [a-z0-9_.-]} replaced by {@code _}; {@code .<mode>} is appended when one benchmark and parameter combination
 * appears in several modes. The description keeps JMH's own name.</li>
 * <li>Samples: {@code primaryMetric.rawData}, every fork's iteration scores in order (fork 1's, then fork 2's).
 * In {@code sample} mode JMH writes a histogram per iteration instead ({@code rawDataHistogram}); each iteration
 * becomes one sample, the mean of its histogram (JMH's score is the mean of all sampled times), so samples stay one
 * per iteration as in the other modes. JMH's percentiles of sample mode are secondary metrics and come in as such.</li>
 * <li>Unit: {@code <t>/op} becomes the time unit {@code t} (ns, us, ms, s, min, hr, day), {@code ops/<t>} stays as
 * written ({@code ops/s}, {@code ops/ms}), {@code B/op} becomes {@code B}; any other unit is refused. Files written by
 * icebench's own {@code jmh-json} writer ({@code jmhVersion} "icebench ...") carry icebench units, kept as they are,
 * and their {@code params} are the plugin's parameters, so they do not go into metric names.</li>
 * <li>Direction: {@code thrpt} higher is better; {@code avgt}, {@code sample} and {@code ss} lower is better.</li>
 * <li>Secondary metrics with raw data and a per-operation unit ({@code <t>/op}, {@code B/op}: lower is better) or
 * a rate ({@code ops/<t>}: higher is better) become metrics {@code <benchmark metric>.<secondary name>}, such as
 * {@code ...gc.alloc.rate.norm} or sample mode's {@code ...p0.99}; the others (totals per iteration such as
 * {@code gc.count}, or {@code gc.alloc.rate}, which follows throughput) are skipped and listed in the run's
 * properties.</li>
 * </ul>
 */
public final class JmhResultFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TIME_UNITS = List.of("ns", "us", "ms", "s", "min", "hr", "day");
    private static final String EXPECTED = "expected the JSON JMH writes with -rf json: an array of benchmarks, each"
            + " with benchmark, mode and primaryMetric (scoreUnit, rawData)";

    /** What a file held: a metric per benchmark and secondary metric, and facts about the JMH run. */
    public record Contents(List<Measurement> measurements, Map<String, String> properties, int benchmarks) {

        public List<Metric> metrics() {
            return measurements.stream().map(Measurement::metric).toList();
        }

        public Measurements asMeasurements() {
            Measurements.Builder builder = Measurements.builder();
            measurements.forEach(builder::add);
            properties.forEach(builder::property);
            return builder.build();
        }
    }

    private JmhResultFile() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws UsageException one line naming the problem and the fix: no such file, not JSON, not JMH's shape, an
     *                        unknown unit or mode, a benchmark without raw data
     */
    public static Contents read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new UsageException("JMH result file '" + file + "' does not exist; pass the file JMH wrote with"
                    + " -rf json -rff FILE");
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new UsageException("'" + file + "' is not JSON (" + line
                    + e.getOriginalMessage().lines().findFirst().orElse("") + "); " + EXPECTED);
        } catch (IOException e) {
            throw new UsageException("cannot read JMH result file '" + file + "': " + e);
        }
        if (root == null || root.isMissingNode() || !root.isArray()) {
            throw new UsageException("'" + file + "' is not a JMH result: it holds "
                    + (root == null || root.isMissingNode() ? "nothing" : "a JSON " + root.getNodeType()
                    .name().toLowerCase(Locale.ROOT)) + "; " + EXPECTED);
        }
        if (root.isEmpty()) {
            throw new UsageException("'" + file + "' holds no benchmarks (an empty array); did the JMH run fail?"
                    + " Import the file of a run that finished");
        }
        List<Benchmark> benchmarks = new ArrayList<>();
        int index = 0;
        for (JsonNode node : root) {
            benchmarks.add(Benchmark.of(node, index++, file));
        }
        boolean icebench = benchmarks.stream().allMatch(b -> b.jmhVersion.startsWith("icebench"));
        return convert(benchmarks, icebench, file);
    }

    private static Contents convert(List<Benchmark> benchmarks, boolean icebench, Path file) {
        List<String> names = metricNames(benchmarks, icebench);
        List<Measurement> measurements = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        Set<String> skipped = new LinkedHashSet<>();
        Set<String> jmhVersions = new LinkedHashSet<>();
        Set<String> vms = new LinkedHashSet<>();
        for (int i = 0; i < benchmarks.size(); i++) {
            Benchmark b = benchmarks.get(i);
            String name = names.get(i);
            String previous = seen.put(name, b.label());
            if (previous != null) {
                throw new UsageException("'" + file + "' holds " + b.label() + " twice (benchmarks " + previous
                        + " and #" + (b.index + 1) + " both become metric '" + name + "'); import the results of"
                        + " each JMH run separately");
            }
            Unit unit = primaryUnit(b, icebench, file);
            Direction direction = b.mode.equals("thrpt") ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
            double[] samples = b.primarySamples(file);
            String how = b.mode.equals("sample") && !b.primary.has("rawData")
                    ? "per-iteration means of the sampled times" : "iteration scores";
            measurements.add(new Measurement(new Metric(name, unit, direction, "JMH " + b.label() + ": " + how
                    + " of " + b.forks + " fork(s)"), samples));
            addSecondaries(b, name, seen, skipped, measurements);
            jmhVersions.add(b.jmhVersion);
            String vm = (b.node.path("vmName").asText("") + " " + b.node.path("vmVersion").asText("")).trim();
            if (!vm.isEmpty()) {
                vms.add(vm);
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("imported_from", file.toAbsolutePath().normalize().toString());
        properties.put("format", icebench ? "JMH JSON written by icebench's jmh-json writer" : "JMH JSON (-rf json)");
        properties.put("jmh_version", String.join(", ", jmhVersions));
        if (!vms.isEmpty()) {
            properties.put("jmh_vm", String.join(", ", vms));
        }
        properties.put("benchmarks", String.valueOf(benchmarks.size()));
        if (!skipped.isEmpty()) {
            properties.put("secondary_metrics_not_imported", String.join(", ", skipped));
        }
        properties.put("note", "the machine fingerprint is the importing machine's; JMH measured on its own");
        return new Contents(measurements, properties, benchmarks.size());
    }

    /**
     * Each benchmark's metric name, in order: {@code Class.method} unless two different benchmarks share it, then
     * its params (not for icebench's own export), then {@code .mode} when one benchmark and params has several modes.
     */
    private static List<String> metricNames(List<Benchmark> benchmarks, boolean icebench) {
        Map<String, Set<String>> fullNamesByShort = new LinkedHashMap<>();
        for (Benchmark b : benchmarks) {
            fullNamesByShort.computeIfAbsent(shortName(b.name), k -> new LinkedHashSet<>()).add(b.name);
        }
        Map<String, Set<String>> modesByName = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (Benchmark b : benchmarks) {
            String base = fullNamesByShort.get(shortName(b.name)).size() > 1 ? b.name : shortName(b.name);
            StringBuilder name = new StringBuilder(base);
            if (!icebench) {
                b.params.forEach((key, value) -> name.append('.').append(key).append('-').append(value));
            }
            String sanitized = sanitize(name.toString());
            names.add(sanitized);
            modesByName.computeIfAbsent(sanitized, k -> new LinkedHashSet<>()).add(b.mode);
        }
        List<String> withModes = new ArrayList<>();
        for (int i = 0; i < benchmarks.size(); i++) {
            String mode = modesByName.get(names.get(i)).size() > 1 ? "." + benchmarks.get(i).mode : "";
            withModes.add(names.get(i) + mode);
        }
        return withModes;
    }

    /**
     * Adds {@code b}'s secondary metrics that have raw data and a unit icebench can judge, as metrics
     * {@code <name>.<secondary>}; the others, and any whose name is taken, go to {@code skipped}.
     */
    private static void addSecondaries(Benchmark b, String name, Map<String, String> seen, Set<String> skipped,
                                       List<Measurement> measurements) {
        Iterator<Map.Entry<String, JsonNode>> secondaries = b.node.path("secondaryMetrics").fields();
        while (secondaries.hasNext()) {
            Map.Entry<String, JsonNode> secondary = secondaries.next();
            String key = secondary.getKey();
            String unitText = secondary.getValue().path("scoreUnit").asText("");
            Optional<Metric> metric = secondaryMetric(name + "." + sanitize(key), unitText,
                    "JMH " + b.label() + ", secondary metric " + key);
            Optional<double[]> raw = metric.isPresent() ? rawData(secondary.getValue().path("rawData"))
                    : Optional.empty();
            if (metric.isEmpty() || raw.isEmpty() || raw.get().length == 0 || seen.containsKey(metric.get()
                    .name())) {
                skipped.add(key);
                continue;
            }
            seen.put(metric.get().name(), b.label() + " " + key);
            measurements.add(new Measurement(metric.get(), raw.get()));
        }
    }

    private static Unit primaryUnit(Benchmark b, boolean icebench, Path file) {
        String symbol = b.primary.path("scoreUnit").asText("");
        if (icebench && !symbol.isBlank()) {
            return Unit.of(symbol);
        }
        return jmhUnit(symbol).map(Map.Entry::getKey).orElseThrow(() -> new UsageException("'" + file + "': "
                + b.label() + " has scoreUnit '" + symbol + "', which icebench cannot map to a unit; known: ops/T"
                + " and T/op with T one of " + String.join(", ", TIME_UNITS) + " (as JMH writes them); fix the"
                + " unit in the file or rerun JMH (-tu sets the time unit)"));
    }

    private static Optional<Metric> secondaryMetric(String name, String unitText, String description) {
        return jmhUnit(unitText).map(unit -> new Metric(name, unit.getKey(), unit.getValue(), description));
    }

    /** A JMH unit as an icebench unit and the direction it implies: per operation lower, per time higher. */
    static Optional<Map.Entry<Unit, Direction>> jmhUnit(String symbol) {
        if (symbol.equals("B/op")) {
            return Optional.of(Map.entry(Unit.BYTES, Direction.LOWER_IS_BETTER));
        }
        int slash = symbol.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String left = symbol.substring(0, slash);
        String right = symbol.substring(slash + 1);
        if (right.equals("op") && TIME_UNITS.contains(left)) {
            Unit unit = switch (left) {
                case "ns" -> Unit.NANOSECONDS;
                case "us" -> Unit.MICROSECONDS;
                case "ms" -> Unit.MILLISECONDS;
                case "s" -> Unit.SECONDS;
                default -> Unit.of(left);
            };
            return Optional.of(Map.entry(unit, Direction.LOWER_IS_BETTER));
        }
        if (left.equals("ops") && TIME_UNITS.contains(right)) {
            return Optional.of(Map.entry(right.equals("s") ? Unit.OPERATIONS_PER_SECOND : Unit.of(symbol),
                    Direction.HIGHER_IS_BETTER));
        }
        return Optional.empty();
    }

    /**
     * The last two dot-separated parts: {@code Class.method}; for icebench's own export ({@code icebench.<plugin>.
     * <metric>}) everything after {@code icebench.}, since a metric name may hold dots ({@code sort.cpu_time}).
     */
    static String shortName(String benchmark) {
        if (benchmark.startsWith(ICEBENCH_PREFIX) && benchmark.indexOf('.', ICEBENCH_PREFIX.length()) > 0) {
            return benchmark.substring(ICEBENCH_PREFIX.length());
        }
        int last = benchmark.lastIndexOf('.');
        int before = last <= 0 ? -1 : benchmark.lastIndexOf('.', last - 1);
        return benchmark.substring(before + 1);
    }

    /** How icebench's {@code jmh-json} writer names its benchmarks: {@code icebench.<plugin>.<metric>}. */
    static final String ICEBENCH_PREFIX = "icebench.";

    /** Lower case, characters a metric name may not hold as {@code _}, leading non-letters dropped. */
    static String sanitize(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_").replaceFirst("^[^a-z]+", "");
        return lower.isEmpty() ? "benchmark" : lower;
    }

    /** Every fork's values in order, or empty when the node is not an array of arrays of finite numbers. */
    private static Optional<double[]> rawData(JsonNode rawData) {
        if (!rawData.isArray()) {
            return Optional.empty();
        }
        List<Double> values = new ArrayList<>();
        for (JsonNode fork : rawData) {
            if (!fork.isArray()) {
                return Optional.empty();
            }
            for (JsonNode value : fork) {
                if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                    return Optional.empty();
                }
                values.add(value.asDouble());
            }
        }
        return Optional.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** One element of the array, checked for JMH's shape. */
    private record Benchmark(JsonNode node, int index, String name, String mode, Map<String, String> params,
                             JsonNode primary, String jmhVersion, int forks) {

        static Benchmark of(JsonNode node, int index, Path file) {
            String where = "'" + file + "': benchmark #" + (index + 1);
            if (!node.isObject()) {
                throw new UsageException(where + " is not a JSON object; " + EXPECTED);
            }
            String name = node.path("benchmark").asText("");
            JsonNode primary = node.path("primaryMetric");
            if (name.isBlank() || !node.path("mode").isTextual() || !primary.isObject()) {
                throw new UsageException(where + " lacks " + (name.isBlank() ? "'benchmark'"
                        : !node.path("mode").isTextual() ? "'mode'" : "'primaryMetric'") + "; " + EXPECTED);
            }
            String mode = node.path("mode").asText();
            if (!List.of("thrpt", "avgt", "sample", "ss").contains(mode)) {
                throw new UsageException(where + " (" + name + ") has mode '" + mode + "'; JMH writes thrpt, avgt,"
                        + " sample or ss: fix the mode or leave the benchmark out");
            }
            Map<String, String> params = new LinkedHashMap<>();
            node.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            return new Benchmark(node, index, name, mode, params, primary, node.path("jmhVersion").asText(""),
                    node.path("forks").asInt(0));
        }

        String label() {
            StringBuilder label = new StringBuilder(name);
            if (!params.isEmpty()) {
                label.append(" (");
                params.forEach((k, v) -> label.append(label.charAt(label.length() - 1) == '(' ? "" : ", ")
                        .append(k).append('=').append(v));
                label.append(')');
            }
            return label.append(' ').append(mode).toString();
        }

        double[] primarySamples(Path file) {
            String where = "'" + file + "': " + label();
            if (primary.has("rawData")) {
                return rawData(primary.path("rawData")).filter(values -> values.length > 0)
                        .orElseThrow(() -> new UsageException(where + " has no usable primaryMetric.rawData (an"
                                + " array per fork of finite iteration scores); JMH writes NaN for iterations"
                                + " that measured nothing: rerun the benchmark or leave it out of the file"));
            }
            if (primary.has("rawDataHistogram")) {
                return histogramMeans(primary.path("rawDataHistogram"))
                        .orElseThrow(() -> new UsageException(where + " has an unusable"
                                + " primaryMetric.rawDataHistogram (per fork, per iteration, [value, count] pairs)"
                                + "; rerun the benchmark or leave it out of the file"));
            }
            throw new UsageException(where + " has neither primaryMetric.rawData nor rawDataHistogram; " + EXPECTED);
        }

        /** One sample per iteration: the count-weighted mean of its histogram. */
        private static Optional<double[]> histogramMeans(JsonNode histogram) {
            if (!histogram.isArray()) {
                return Optional.empty();
            }
            List<Double> means = new ArrayList<>();
            for (JsonNode fork : histogram) {
                if (!fork.isArray()) {
                    return Optional.empty();
                }
                for (JsonNode iteration : fork) {
                    double sum = 0;
                    double count = 0;
                    for (JsonNode pair : iteration) {
                        if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber()
                                || !pair.get(1).isNumber()) {
                            return Optional.empty();
                        }
                        sum += pair.get(0).asDouble() * pair.get(1).asDouble();
                        count += pair.get(1).asDouble();
                    }
                    if (count > 0 && Double.isFinite(sum / count)) {
                        means.add(sum / count);
                    }
                }
            }
            return means.isEmpty() ? Optional.empty()
                    : Optional.of(means.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }
}
