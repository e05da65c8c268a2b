package io.icebench.runner.baseline;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.icebench.spi.Direction;
import io.icebench.spi.MetricReport;
import io.icebench.spi.PluginReport;
import io.icebench.spi.RunReport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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

    /**
     * Reads a results.json, baseline or history line.
     *
     * @throws IOException when the file cannot be read, or is not UTF-8, JSON, or of the shared shape; the message
     *                     names the file and, for a bad value, the plugin, metric and sample, but not the fix, which
     *                     depends on what the file is to the caller
     */
    public static RunSamples read(Path file) throws IOException {
        String text = utf8(Files.readAllBytes(file), file.toString());
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IOException("'" + file + "' is not valid JSON (" + e.getOriginalMessage().lines().findFirst()
                    .orElse("") + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + "); it is truncated or damaged");
        }
        return fromJson(root, "'" + file + "'");
    }

    /** The text of {@code bytes}, which must be UTF-8: a bad byte is named by its offset, not "Input length = 1". */
    private static String utf8(byte[] bytes, String where) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            // decode() stops at the bad input, so the buffer's position is its offset.
            int offset = in.position();
            throw new IOException("'" + where + "' is not UTF-8 text: byte 0x" + String.format("%02X",
                    bytes[Math.min(offset, bytes.length - 1)] & 0xFF) + " at offset " + offset + " is not valid"
                    + " UTF-8; the file is damaged");
        }
    }

    static RunSamples fromJson(JsonNode root, String where) throws IOException {
        if (root == null || !root.isObject() || !root.hasNonNull("runId") || !root.path("plugins").isArray()) {
            throw new IOException(where + " is not an icebench results.json, baseline or history entry"
                    + " (no runId or plugins)");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        root.path("environment").fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
        Map<String, Map<String, MetricSamples>> plugins = new LinkedHashMap<>();
        int pluginIndex = 0;
        for (JsonNode plugin : root.path("plugins")) {
            String pluginWhere = where + ": plugins[" + pluginIndex++ + "]";
            String id = text(plugin, "id", pluginWhere);
            pluginWhere = where + ": plugin '" + id + "'";
            JsonNode metricArray = plugin.path("metrics");
            if (!metricArray.isMissingNode() && !metricArray.isArray()) {
                throw new IOException(pluginWhere + ": 'metrics' is " + describe(metricArray) + ", not an array");
            }
            Map<String, MetricSamples> metrics = new LinkedHashMap<>();
            int metricIndex = 0;
            for (JsonNode metric : metricArray) {
                String name = text(metric, "name", pluginWhere + ", metrics[" + metricIndex++ + "]");
                String metricWhere = pluginWhere + ", metric '" + name + "'";
                metrics.put(name, new MetricSamples(samples(metric.path("samples"), metricWhere),
                        metric.path("unit").asText(), direction(metric.path("direction"), metricWhere)));
            }
            plugins.put(id, metrics);
        }
        return new RunSamples(root.get("runId").asText(), root.path("mode").asText(""),
                root.path("startedAt").asText(""), environment, plugins);
    }

    /** A sample is a measured value: a finite number, as {@link io.icebench.spi.Measurement} demands of plugins. */
    private static double[] samples(JsonNode values, String where) throws IOException {
        if (!values.isArray()) {
            throw new IOException(where + ": 'samples' is " + describe(values) + ", not an array of numbers");
        }
        double[] samples = new double[values.size()];
        for (int i = 0; i < samples.length; i++) {
            JsonNode value = values.get(i);
            if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                throw new IOException(where + ": sample " + i + " is " + describe(value) + "; every sample must be"
                        + " a finite number");
            }
            samples[i] = value.asDouble();
        }
        return samples;
    }

    /** Which way is better decides what a regression is: a direction that is neither is not guessed. */
    private static Direction direction(JsonNode value, String where) throws IOException {
        for (Direction direction : Direction.values()) {
            if (direction.label().equals(value.textValue())) {
                return direction;
            }
        }
        throw new IOException(where + ": 'direction' is " + describe(value) + ", not \"higher\" or \"lower\"");
    }

    private static String text(JsonNode node, String field, String where) throws IOException {
        if (!node.isObject()) {
            throw new IOException(where + " is " + describe(node) + ", not an object");
        }
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw new IOException(where + ": '" + field + "' is " + describe(value) + ", not a name");
        }
        return value.textValue();
    }

    /** A JSON value as a message shows it: {@code null}, {@code missing}, or its type and (short) text. */
    private static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "missing";
        }
        if (value.isNull()) {
            return "null";
        }
        String text = value.toString();
        String kind = value.isTextual() ? "the string " : value.isNumber() ? "the number "
                : value.isBoolean() ? "the boolean " : value.isArray() ? "an array " : "an object ";
        return kind + (text.length() > 40 ? text.substring(0, 37) + "..." : text);
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
