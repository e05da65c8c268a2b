package io.icebench.runner.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.icebench.spi.Direction;
import io.icebench.spi.report.MetricReport;
import io.icebench.spi.report.PluginReport;
import io.icebench.spi.report.RunReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a comparison needs of a run: its id, mode, start, machine fingerprint, and per plugin per metric the raw
 * samples, unit and direction. Read from a {@code results.json} (schema v1 or v2), a saved baseline or a history
 * line: all three share this shape ({@code runId}, {@code mode}, {@code startedAt}, {@code environment},
 * {@code plugins[].id}, {@code plugins[].metrics[].name/unit/direction/samples}).
 */
public record RunSamples(String runId, String mode, String startedAt, Map<String, String> environment,
                         Map<String, Map<String, MetricSamples>> plugins) {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One metric's samples. */
    public record MetricSamples(double[] samples, String unit, Direction direction) {
        public MetricSamples {
            samples = samples.clone();
        }
    }

    public RunSamples {
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        plugins = Collections.unmodifiableMap(new LinkedHashMap<>(plugins));
    }

    /** The samples of one plugin's metric, if the run has them. */
    public Optional<MetricSamples> metric(String pluginId, String metric) {
        return Optional.ofNullable(plugins.get(pluginId)).map(m -> m.get(metric));
    }

    public static RunSamples of(RunReport report) {
        Map<String, Map<String, MetricSamples>> plugins = new LinkedHashMap<>();
        for (PluginReport plugin : report.plugins()) {
            Map<String, MetricSamples> metrics = new LinkedHashMap<>();
            for (MetricReport metric : plugin.metrics()) {
                metrics.put(metric.metric().name(), new MetricSamples(metric.samples(),
                        metric.metric().unit().symbol(), metric.metric().direction()));
            }
            plugins.put(plugin.id(), metrics);
        }
        return new RunSamples(report.runId(), report.mode(), report.startedAt().toString(), report.environment(),
                plugins);
    }

    /** Reads a results.json, baseline or history line. */
    public static RunSamples read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + " is not UTF-8 text, so not a results.json or baseline file (a byte is"
                    + " corrupt or it is another kind of file)", e);
        }
        return fromJson(JSON.readTree(text), file.toString());
    }

    static RunSamples fromJson(JsonNode root, String where) throws IOException {
        if (root == null || !root.isObject() || !root.hasNonNull("runId") || !root.path("plugins").isArray()) {
            throw new IOException(where + " is not an icebench results.json, baseline or history entry"
                    + " (no runId or plugins)");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        root.path("environment").fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
        Map<String, Map<String, MetricSamples>> plugins = new LinkedHashMap<>();
        for (JsonNode plugin : root.path("plugins")) {
            Map<String, MetricSamples> metrics = new LinkedHashMap<>();
            for (JsonNode metric : plugin.path("metrics")) {
                JsonNode values = metric.path("samples");
                double[] samples = new double[values.size()];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = values.get(i).isNumber() ? values.get(i).asDouble() : Double.NaN;
                }
                Direction direction = "higher".equals(metric.path("direction").asText())
                        ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
                metrics.put(metric.path("name").asText(), new MetricSamples(samples, metric.path("unit").asText(),
                        direction));
            }
            plugins.put(plugin.path("id").asText(), metrics);
        }
        return new RunSamples(root.get("runId").asText(), root.path("mode").asText(""),
                root.path("startedAt").asText(""), environment, plugins);
    }

    /** This run as a JSON object of the shared shape, beginning with {@code schema}. */
    ObjectNode toJson(String schema) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", schema);
        root.put("runId", runId);
        root.put("mode", mode);
        root.put("startedAt", startedAt);
        ObjectNode env = root.putObject("environment");
        environment.forEach(env::put);
        ArrayNode pluginArray = root.putArray("plugins");
        plugins.forEach((id, metrics) -> {
            ObjectNode plugin = pluginArray.addObject();
            plugin.put("id", id);
            ArrayNode metricArray = plugin.putArray("metrics");
            metrics.forEach((name, metric) -> {
                ObjectNode node = metricArray.addObject();
                node.put("name", name);
                node.put("unit", metric.unit());
                node.put("direction", metric.direction().label());
                ArrayNode samples = node.putArray("samples");
                for (double sample : metric.samples()) {
                    samples.add(sample);
                }
            });
        });
        return root;
    }
}
