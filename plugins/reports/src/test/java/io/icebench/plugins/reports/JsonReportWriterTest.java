package io.icebench.plugins.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.icebench.spi.Direction;
import io.icebench.spi.Metric;
import io.icebench.spi.PluginKind;
import io.icebench.spi.Unit;
import io.icebench.spi.MetricReport;
import io.icebench.spi.PluginReport;
import io.icebench.spi.RunReport;
import io.icebench.spi.report.RunStatus;
import io.icebench.spi.report.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

class JsonReportWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest(name = "under {0}")
    @MethodSource("io.icebench.plugins.reports.Golden#settings")
    void jsonReportMatchesTheGoldenFile(Golden.Setting setting) throws IOException {
        Golden.assertMatches(new JsonReportWriter(), "results.json", setting);
    }

    @Test
    void goldenJsonHasEveryKeyTheSchemaRequiresAndNoKeyItDoesNotDeclare() throws IOException {
        JsonNode schema = MAPPER.readTree(Golden.read(JsonReportWriter.SCHEMA_RESOURCE));
        JsonNode golden = MAPPER.readTree(Golden.read("/golden/results.json"));

        List<String> problems = new ArrayList<>();
        check(schema, schema, golden, "$", problems);

        assertThat(problems).isEmpty();
    }

    @Test
    void schemaIsADraft2020JsonSchemaForThisVersion() throws IOException {
        JsonNode schema = MAPPER.readTree(Golden.read(JsonReportWriter.SCHEMA_RESOURCE));

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("properties").path("schema").path("const").asText())
                .isEqualTo(JsonReportWriter.SCHEMA);
        assertThat(schema.path("properties").path("schemaVersion").path("const").asInt())
                .isEqualTo(JsonReportWriter.SCHEMA_VERSION);
    }

    @Test
    void fieldsAppearInTheOrderTheSchemaListsThem() throws IOException {
        JsonNode schema = MAPPER.readTree(Golden.read(JsonReportWriter.SCHEMA_RESOURCE));
        JsonNode golden = MAPPER.readTree(Golden.read("/golden/results.json"));

        assertThat(names(golden)).containsExactlyElementsOf(names(schema.path("properties")));
        assertThat(names(golden.path("plugins").path(0)))
                .containsExactlyElementsOf(names(schema.path("$defs").path("plugin").path("properties")));
    }

    @Test
    void numbersJsonCannotRepresentAreWrittenAsNull() throws IOException {
        MetricReport nothing = new MetricReport(
                new Metric("latency", Unit.MILLISECONDS, Direction.LOWER_IS_BETTER, ""), new double[] {Double.NaN},
                new Summary(0, Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, Double.NaN, 0, 0, Map.of(), Double.NaN, Optional.empty(), -1));
        PluginReport plugin = new PluginReport("empty", PluginKind.REGRESSION_GATE, null, null, RunStatus.ERROR,
                Optional.of("threw"), Duration.ZERO, Map.of(), List.of(nothing), List.of(), List.of(), Map.of(),
                List.of(), List.of());
        RunReport run = ReportFixture.run();
        RunReport report = new RunReport("r", "regression", run.startedAt(), run.finishedAt(), "dev", Map.of(),
                Map.of(), List.of(plugin), List.of(), 3, Optional.empty());

        JsonNode json = MAPPER.readTree(Golden.render(new JsonReportWriter(), report, "results.json"));

        JsonNode metric = json.path("plugins").path(0).path("metrics").path(0);
        assertThat(metric.path("summary").path("mean").isNull()).isTrue();
        assertThat(metric.path("samples").path(0).isNull()).isTrue();
        assertThat(json.path("plugins").path(0).path("failure").asText()).isEqualTo("threw");
    }

    @Test
    void anEmptyRunIsStillACompleteDocument() throws IOException {
        RunReport run = ReportFixture.run();
        RunReport empty = new RunReport("r", "explore", run.startedAt(), run.startedAt(), "dev", Map.of(), Map.of(),
                List.of(), List.of(), 0, Optional.empty());

        String json = new String(Golden.render(new JsonReportWriter(), empty, "results.json"),
                StandardCharsets.UTF_8);

        assertThat(json).contains("\"outcome\": \"NONE\"", "\"environment\": {}", "\"plugins\": []")
                .endsWith("}\n");
    }

    /** Required keys present, undeclared keys absent, types right: enough to keep the schema and writer in step. */
    private static void check(JsonNode root, JsonNode schema, JsonNode value, String path, List<String> problems) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            check(root, root.at(ref.substring(1)), value, path, problems);
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(path + " is " + value + ", not " + schema.get("const"));
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            problems.add(path + " is " + value + ", not one of " + schema.get("enum"));
        }
        if (schema.has("type") && !hasType(schema.get("type"), value)) {
            problems.add(path + " is " + value.getNodeType() + ", not " + schema.get("type"));
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    problems.add(path + " lacks required key '" + required.asText() + "'");
                }
            }
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            for (String name : names(value)) {
                String child = path + "." + name;
                if (properties.has(name)) {
                    check(root, properties.get(name), value.get(name), child, problems);
                } else if (additional.isObject()) {
                    check(root, additional, value.get(name), child, problems);
                } else if (properties.size() > 0) {
                    problems.add(child + " is not declared in the schema");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(root, schema.get("items"), value.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private static boolean hasType(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            return StreamSupport.stream(type.spliterator(), false).anyMatch(t -> hasType(t, value));
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode item : array) {
            if (item.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
