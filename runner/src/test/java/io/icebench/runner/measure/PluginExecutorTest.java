package io.icebench.runner.measure;

import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.Parameters;
import io.icebench.spi.PluginContext;
import io.icebench.spi.PluginKind;
import io.icebench.spi.Spi;
import io.icebench.spi.Unit;
import io.icebench.spi.report.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class PluginExecutorTest {

    @TempDir
    Path temp;

    interface Body {
        Measurements run(PluginContext context) throws Exception;
    }

    private static BenchmarkPlugin plugin(Body body) {
        return new BenchmarkPlugin() {
            public String id() { return "fixture"; }
            public PluginKind kind() { return PluginKind.REGRESSION_GATE; }
            public String spiVersion() { return Spi.VERSION; }
            public Measurements run(PluginContext context) throws Exception { return body.run(context); }
        };
    }

    private Execution execute(Body body, Duration timeout) {
        RunContext context = new RunContext("fixture", Parameters.defaults(List.of()), Optional.empty(),
                temp.resolve("out"));
        return PluginExecutor.execute(plugin(body), "fixture", context, timeout);
    }

    @Test
    void aPluginThatReturnsMeasurementsCompletes() {
        Metric metric = Metric.lowerIsBetter("t", Unit.MILLISECONDS, "");

        Execution execution = execute(c -> Measurements.builder().add(metric, 1, 2).build(), Duration.ofSeconds(5));

        assertThat(execution.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(execution.measurements().orElseThrow().measurements()).hasSize(1);
    }

    @Test
    void aPluginThatThrowsIsAnErrorNamingTheException() {
        Execution execution = execute(c -> {
            throw new java.io.IOException("corrupt file");
        }, Duration.ofSeconds(5));

        assertThat(execution.status()).isEqualTo(RunStatus.ERROR);
        assertThat(execution.failure()).hasValue("plugin 'fixture' threw java.io.IOException: corrupt file");
        assertThat(execution.detail().orElseThrow()).contains("PluginExecutorTest");
    }

    @Test
    void aPluginThatRunsOutOfMemoryIsReportedAsSuch() {
        Execution execution = execute(c -> {
            throw new OutOfMemoryError("Java heap space");
        }, Duration.ofSeconds(5));

        assertThat(execution.status()).isEqualTo(RunStatus.OUT_OF_MEMORY);
        assertThat(execution.failure().orElseThrow()).contains("ran out of memory (Java heap space)", "-Xmx");
    }

    @Test
    void aPluginPastItsTimeoutIsCancelledAndInterrupted() {
        AtomicBoolean sawCancellation = new AtomicBoolean();
        Execution execution = execute(c -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                sawCancellation.set(c.isCancelled());
            }
            return Measurements.builder().build();
        }, Duration.ofMillis(200));

        assertThat(execution.status()).isEqualTo(RunStatus.TIMEOUT);
        assertThat(execution.failure().orElseThrow()).contains("did not finish within its timeout of 200ms");
        assertThat(execution.duration()).isLessThan(Duration.ofSeconds(5));
        assertThat(sawCancellation).isTrue();
    }

    @Test
    void aPluginThatReturnsNullIsAnError() {
        Execution execution = execute(c -> null, Duration.ofSeconds(5));

        assertThat(execution.status()).isEqualTo(RunStatus.ERROR);
        assertThat(execution.failure().orElseThrow()).contains("returned no measurements");
    }
}
