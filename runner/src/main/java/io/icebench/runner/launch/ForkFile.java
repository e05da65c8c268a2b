package io.icebench.runner.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.icebench.runner.measure.Execution;
import io.icebench.spi.Direction;
import io.icebench.spi.Measurement;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.MetricReport;
import io.icebench.spi.PluginReport;
import io.icebench.spi.Series;
import io.icebench.spi.Table;
import io.icebench.spi.Unit;
import io.icebench.spi.report.RunStatus;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The file through which a {@link Fork}'s child hands its one plugin's result to the parent: raw samples, status,
 * properties, tables and series in the runner's own format ({@value #SCHEMA}, version {@value #VERSION}); and, for a
 * child built before this protocol, the same read from the {@code results.json} it wrote instead.
 */
final class ForkFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The schema of the fork file. */
    static final String SCHEMA = "icebench-fork";

    /** Its version: 2 added tables and series (a version 1 file has neither, and reads as having none). */
    static final int VERSION = 2;

    private ForkFile() {
    }

    /** Writes a child's one plugin report to {@code file}: a temporary file in the same folder, then a rename. */
    static void write(Path file, PluginReport report) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("version", VERSION);
        root.put("plugin", report.id());
        root.put("status", report.status().name());
        report.failure().ifPresent(failure -> root.put("failure", failure));
        ArrayNode metrics = root.putArray("metrics");
        for (MetricReport metric : report.metrics()) {
            ObjectNode node = metrics.addObject();
            node.put("name", metric.metric().name());
            node.put("unit", metric.metric().unit().symbol());
            node.put("direction", metric.metric().direction().label());
            node.put("basis", metric.metric().basis().label());
            ArrayNode samples = node.putArray("samples");
            for (double sample : metric.samples()) {
                samples.add(sample);
            }
        }
        ObjectNode properties = root.putObject("properties");
        report.properties().forEach(properties::put);
        ArrayNode tables = root.putArray("tables");
        for (Table table : report.tables()) {
            ObjectNode node = tables.addObject();
            node.put("name", table.name());
            node.put("title", table.title());
            table.columns().forEach(node.putArray("columns")::add);
            ArrayNode rows = node.putArray("rows");
            for (List<Object> row : table.rows()) {
                ArrayNode cells = rows.addArray();
                row.forEach(cell -> cells.addPOJO(cell));
            }
        }
        ArrayNode series = root.putArray("series");
        for (Series one : report.series()) {
            ObjectNode node = series.addObject();
            node.put("chart", one.chart());
            node.put("name", one.name());
            node.put("xLabel", one.xLabel());
            node.put("yLabel", one.yLabel());
            ArrayNode x = node.putArray("x");
            for (double value : one.x()) {
                x.add(value);
            }
            ArrayNode y = node.putArray("y");
            for (double value : one.y()) {
                y.add(value);
            }
        }
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, JSON.writeValueAsString(root));
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A fork file as the execution it reports; metrics take the declaration of the plugin where it has one. */
    static Execution read(Path file, PlannedRun run, Duration duration) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            return Execution.failed(RunStatus.ERROR, "the fork of '" + run.plugin().id() + "' wrote an unreadable"
                    + " sample file: " + e.getMessage(), null, duration);
        }
        if (!SCHEMA.equals(root.path("schema").asText())) {
            return Execution.failed(RunStatus.ERROR, "the fork of '" + run.plugin().id() + "' wrote a file that is"
                    + " not an " + SCHEMA + " file", null, duration);
        }
        RunStatus status = status(root.path("status").asText());
        if (status.failed()) {
            return Execution.failed(status, root.path("failure").asText("the fork failed"), null, duration);
        }
        Measurements.Builder measurements = metrics(run, root.path("metrics"));
        root.path("properties").fields().forEachRemaining(e -> measurements.property(e.getKey(),
                e.getValue().asText()));
        for (JsonNode table : root.path("tables")) {
            List<String> columns = new ArrayList<>();
            table.path("columns").forEach(column -> columns.add(column.asText()));
            List<List<Object>> rows = new ArrayList<>();
            for (JsonNode row : table.path("rows")) {
                List<Object> cells = new ArrayList<>();
                row.forEach(cell -> cells.add(cell(cell)));
                rows.add(cells);
            }
            measurements.table(new Table(table.path("name").asText(), table.path("title").asText(), columns, rows));
        }
        for (JsonNode one : root.path("series")) {
            measurements.series(new Series(one.path("chart").asText(), one.path("name").asText(),
                    one.path("xLabel").asText(), one.path("yLabel").asText(), samples(one.path("x")),
                    samples(one.path("y"))));
        }
        return Execution.completed(measurements.build(), duration);
    }

    /** A child that predates the fork file: its {@code results.json}, if it wrote one. */
    static Optional<Execution> fromResultsJson(Path results, PlannedRun run, Duration duration)
            throws IOException {
        if (!Files.isRegularFile(results)) {
            return Optional.empty();
        }
        JsonNode root = JSON.readTree(Files.readString(results));
        for (JsonNode plugin : root.path("plugins")) {
            if (!plugin.path("id").asText().equals(run.plugin().id())) {
                continue;
            }
            RunStatus status = status(plugin.path("status").asText());
            if (status.failed()) {
                return Optional.of(Execution.failed(status, plugin.path("failure").asText("the fork of '"
                        + run.plugin().id() + "' did not complete (" + status + ")"), null, duration));
            }
            return Optional.of(Execution.completed(metrics(run, plugin.path("metrics")).build(), duration));
        }
        return Optional.empty();
    }

    /** A table cell as written: a whole number as a Long, any other number as a Double, null, text, a boolean. */
    private static Object cell(JsonNode cell) {
        if (cell.isNull()) {
            return null;
        }
        if (cell.isBoolean()) {
            return cell.asBoolean();
        }
        if (cell.isIntegralNumber()) {
            return cell.asLong();
        }
        if (cell.isNumber()) {
            return cell.asDouble();
        }
        return cell.asText();
    }

    /** A status as written; anything unknown is an ERROR, not an exception. */
    private static RunStatus status(String text) {
        for (RunStatus status : RunStatus.values()) {
            if (status.name().equals(text)) {
                return status;
            }
        }
        return RunStatus.ERROR;
    }

    /**
     * The {@code metrics} array of a fork file or of a results.json plugin (the same shape: name, unit, direction,
     * samples), each metric as the plugin declares it where it does.
     */
    private static Measurements.Builder metrics(PlannedRun run, JsonNode metrics) {
        Measurements.Builder measurements = Measurements.builder();
        for (JsonNode metric : metrics) {
            measurements.add(Measurement.of(declared(run, metric.path("name").asText(), metric.path("unit").asText(),
                    metric.path("direction").asText(), metric.path("basis").asText()), samples(metric.path("samples"))));
        }
        return measurements;
    }

    private static Metric declared(PlannedRun run, String name, String unit, String direction, String basis) {
        return run.plugin().metrics().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElse(new Metric(name, Unit.of(unit), "higher".equals(direction) ? Direction.HIGHER_IS_BETTER
                        : Direction.LOWER_IS_BETTER, "", Metric.Basis.parse(basis)));
    }

    private static double[] samples(JsonNode values) {
        double[] samples = new double[values.size()];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = values.get(i).isNumber() ? values.get(i).asDouble() : Double.NaN;
        }
        return samples;
    }
}
