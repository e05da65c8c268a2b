package io.icebench.plugins.io;

import io.icebench.spi.testkit.TestContext;
import io.icebench.spi.Measurements;
import io.icebench.spi.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.icebench.plugins.io.IoPluginTest.cell;
import static org.assertj.core.api.Assertions.assertThat;

/** A read is called cold only after an eviction that was verified; the evictor is replaced to see both outcomes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ColdLabelTest {

    private static final Map<String, String> QUICK = Map.of("repetitions", "2", "duckdb", "false", "threads", "2",
            "max_files", "1");

    private Path temp;

    private TinyDataset data;

    @BeforeAll
    void writeData(@TempDir Path temp) throws Exception {
        this.temp = temp;
        data = TinyDataset.write(temp.resolve("data"), 120);
    }

    @Test
    void aReadAfterAnEvictionThatCannotBeVerifiedIsLabelledWarmNeverCold() throws Exception {
        Path out = temp.resolve("failed");
        Measurements result = run(file -> Evictor.Eviction.failed("'fincore' cannot be run (not installed)"), out);

        Table reads = reads(result);
        assertThat(reads.rows()).extracting(r -> cell(reads, r, "condition"))
                .containsExactly("warm", "warm (eviction failed: 'fincore' cannot be run (not installed))");
        assertThat(cell(reads, reads.rows().get(1), "cold verified")).isEqualTo(false);
        assertThat(result.measurements()).extracting(m -> m.metric().name())
                .doesNotContain("cold_read_pulses_per_second", "cold_read_bytes_per_second",
                        "raw_cold_read_bytes_per_second", "reader_to_raw_cold_ratio")
                .contains("warm_read_pulses_per_second");
        assertThat(result.properties())
                .containsEntry("cold_verified", "no file")
                .containsEntry("cold_verified.batch_1", "false: 'fincore' cannot be run (not installed)");
        assertThat(result.series()).extracting(s -> s.name()).noneMatch(name -> name.contains("cold"));
        assertThat(Files.readString(out.resolve(IoStudy.REPORT_FILE)))
                .contains("**No cold read was verified.**", "warm (eviction failed: 'fincore' cannot be run");
    }

    @Test
    void aReadAfterAVerifiedEvictionIsLabelledColdAndReportedAsCold() throws Exception {
        Path out = temp.resolve("verified");
        Measurements result = run(file -> Evictor.Eviction.verified(4096), out);

        Table reads = reads(result);
        assertThat(reads.rows()).extracting(r -> cell(reads, r, "condition"))
                .containsExactly("warm", "cold (verified: at most 4096 bytes resident)");
        assertThat(cell(reads, reads.rows().get(1), "cold verified")).isEqualTo(true);
        assertThat(result.measurements()).filteredOn(m -> m.metric().name().equals("cold_read_pulses_per_second"))
                .singleElement().satisfies(m -> assertThat(java.util.Arrays.stream(m.samples()).boxed().toList())
                        .hasSize(2).allMatch(v -> v > 0));
        assertThat(result.properties()).containsEntry("cold_verified", "all files")
                .containsEntry("cold_verified.batch_1", "true");
        assertThat(Files.readString(out.resolve(IoStudy.REPORT_FILE)))
                .contains("**Cold verified for every measured file: batch 1.**");
    }

    @Test
    void oneUnverifiedEvictionAmongTheRepetitionsMakesTheWholeFileWarm() throws Exception {
        // Calls 1 and 2 are repetition 1 (reader, raw); the reader's eviction of repetition 2 fails three times,
        // then its raw read's eviction succeeds.
        AtomicInteger calls = new AtomicInteger();
        Measurements result = run(file -> {
            int call = calls.incrementAndGet();
            return call >= 3 && call <= 5
                    ? Evictor.Eviction.failed(2_000_000, "2000000 of 2100000 bytes (95.2%) still in the page cache")
                    : Evictor.Eviction.verified(0);
        }, temp.resolve("mixed"));

        Table reads = reads(result);
        assertThat(calls).hasValue(6);
        assertThat((String) cell(reads, reads.rows().get(1), "condition"))
                .startsWith("warm (eviction failed: 2000000 of 2100000 bytes (95.2%) still in the page cache after 3 ");
        assertThat(result.measurements()).extracting(m -> m.metric().name())
                .doesNotContain("cold_read_pulses_per_second");
    }

    @Test
    void pagesStillResidentAreRetriedAfterACollectionBeforeTheReadIsCalledWarm() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Measurements result = run(file -> calls.incrementAndGet() == 1
                ? Evictor.Eviction.failed(2_000_000, "2000000 of 2100000 bytes (95.2%) still in the page cache")
                : Evictor.Eviction.verified(0), temp.resolve("retried"));

        assertThat(calls).hasValue(5);
        assertThat(result.properties()).containsEntry("cold_verified", "all files");
    }

    @Test
    void withColdOffNoEvictionIsTriedAndTheReportSaysEveryFigureIsWarm() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Path out = temp.resolve("off");
        IoPlugin plugin = new IoPlugin(file -> {
            calls.incrementAndGet();
            return Evictor.Eviction.verified(0);
        });
        Map<String, String> parameters = new java.util.HashMap<>(QUICK);
        parameters.put("cold", "false");
        Measurements result = plugin.run(new TestContext(plugin, parameters, data.folder, out));

        assertThat(calls).hasValue(0);
        assertThat(reads(result).rows()).hasSize(1);
        assertThat(result.properties()).containsEntry("cold_verified", "not attempted (parameter cold=false)");
        assertThat(Files.readString(out.resolve(IoStudy.REPORT_FILE))).contains("every figure here is warm");
    }

    @Test
    void aCancelledRunStopsBeforeMeasuringAndSaysSo() throws Exception {
        IoPlugin plugin = new IoPlugin(file -> Evictor.Eviction.verified(0));
        TestContext context = new TestContext(plugin, QUICK, data.folder, temp.resolve("cancelled"));
        context.cancel();
        Measurements result = plugin.run(context);

        assertThat(result.measurements()).isEmpty();
        assertThat(result.properties()).containsEntry("cancelled", "true").containsEntry("steps_done", "[]");
    }

    private Measurements run(Evictor evictor, Path out) throws Exception {
        IoPlugin plugin = new IoPlugin(evictor);
        return plugin.run(new TestContext(plugin, QUICK, data.folder, out));
    }

    private static Table reads(Measurements result) {
        return result.tables().stream().filter(t -> t.name().equals("reads")).findFirst().orElseThrow();
    }

}
