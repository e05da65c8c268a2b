package io.icebench.plugins.dompacking;

import io.icebench.spi.testkit.TestContext;
import io.icebench.plugins.support.Cells;
import io.icebench.spi.Measurement;
import io.icebench.spi.Measurements;
import io.icebench.spi.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole study on the default dataset with default parameters, printing its tables; opt-in because it
 * generates (or reuses) the ~3.6-million-pulse default dataset: {@code -Ddompacking.default=true}, and
 * {@code -Ddompacking.jmh=true} to add the JMH step.
 */
@EnabledIfSystemProperty(named = "dompacking.default", matches = "true")
class DefaultDatasetRunTest {

    @Test
    void theStudyOnTheDefaultDatasetTakesUnderAMinute() throws Exception {
        DomPackingPlugin plugin = new DomPackingPlugin();
        Map<String, String> parameters = new HashMap<>();
        if (Boolean.getBoolean("dompacking.jmh")) {
            parameters.put("jmh", "true");
        }
        Path output = Path.of("target", "dom-packing-default");
        TestContext context = new TestContext(plugin, parameters, null, output);
        io.icebench.icecube.DefaultDataset.resolve(java.util.Optional.empty());
        long start = System.nanoTime();
        Measurements measurements = plugin.run(context);
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Table table : measurements.tables()) {
            System.out.println("\n## " + table.name() + " — " + table.title());
            System.out.println(String.join(" | ", table.columns()));
            for (List<Object> row : table.rows()) {
                StringBuilder line = new StringBuilder();
                for (Object cell : row) {
                    line.append(Cells.text(cell)).append(" | ");
                }
                System.out.println(line);
            }
        }
        for (Measurement m : measurements.measurements()) {
            System.out.println(m.metric().name() + " " + Arrays.toString(m.samples()));
        }
        System.out.println(measurements.properties());
        System.out.printf("run took %.1f s (dataset already generated)%n", seconds);
        assertThat(seconds).isLessThan(60);
    }
}
