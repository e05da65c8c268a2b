package io.icebench.runner.testing;

import io.icebench.runner.discovery.DiscoveredPlugin;
import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.ParameterSpec;
import io.icebench.spi.PluginContext;
import io.icebench.spi.PluginKind;
import io.icebench.spi.Spi;

import java.time.Duration;
import java.util.List;

/** Discovered regression gates for tests of what happens around a plugin: forks, paired runs, calibration. */
public final class Gates {

    private Gates() {
    }

    /**
     * A built-in gate that must only ever be measured in forks (which the test scripts): running it in this JVM fails
     * the test.
     */
    public static DiscoveredPlugin measuredInForksOnly(String id, List<Metric> metrics,
                                                       List<ParameterSpec> parameters) {
        BenchmarkPlugin plugin = new BenchmarkPlugin() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public PluginKind kind() {
                return PluginKind.REGRESSION_GATE;
            }

            @Override
            public String spiVersion() {
                return Spi.VERSION;
            }

            @Override
            public List<ParameterSpec> parameters() {
                return parameters;
            }

            @Override
            public Measurements run(PluginContext context) {
                throw new AssertionError("'" + id + "' is measured in forks only, never in the test's JVM");
            }
        };
        return new DiscoveredPlugin(plugin, id, PluginKind.REGRESSION_GATE, "a gate measured in forks", metrics,
                parameters, Duration.ofSeconds(10), Spi.VERSION, "built-in");
    }
}
