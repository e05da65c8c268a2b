package io.icebench.examples.hello;

import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.ParameterSpec;
import io.icebench.spi.PluginContext;
import io.icebench.spi.PluginKind;
import io.icebench.spi.Spi;
import io.icebench.spi.Table;
import io.icebench.spi.Timer;
import io.icebench.spi.Unit;

import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.Deflater;

/**
 * The example drop-in plugin: how fast the JDK's Deflater compresses a buffer of pulse-like text, and how well,
 * at each compression level. Small, but a real measurement with raw samples, a parameter and a table.
 */
public final class DeflatePlugin implements BenchmarkPlugin {

    private static final Metric THROUGHPUT = Metric.higherIsBetter("deflate_throughput", Unit.MEBIBYTES_PER_SECOND,
            "input MiB compressed per second at the default level");

    @Override
    public String id() {
        return "example-deflate";
    }

    @Override
    public PluginKind kind() {
        return PluginKind.EXPLORATORY;
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION; // inlined at compile time: tells the runner which SPI this jar was built against
    }

    @Override
    public String description() {
        return "Example drop-in plugin: Deflater throughput and ratio on CSV-like pulse text";
    }

    @Override
    public List<Metric> metrics() {
        List<Metric> metrics = new java.util.ArrayList<>(List.of(THROUGHPUT));
        // The timer's CPU time and allocations, beside the throughput computed from its wall time.
        metrics.addAll(Timer.metricsOf("deflate", null, Timer.Figure.WALL_TIME));
        return metrics;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.of("buffer_kib", ParameterSpec.Type.INT, 1024, "KiB of text compressed per iteration"),
                ParameterSpec.warmupIterations(1, "compressions"),
                ParameterSpec.iterations(5, "compressions"));
    }

    @Override
    public Measurements run(PluginContext context) {
        int bufferKib = context.parameters().getInt("buffer_kib");
        int warmup = context.parameters().warmupIterations();
        int iterations = context.parameters().iterations();
        byte[] input = pulseText(bufferKib << 10);
        byte[] output = new byte[input.length + 1024];

        Timer deflate = context.timer("deflate", null);
        for (int i = -warmup; i < iterations && !context.isCancelled(); i++) {
            try (Timer.Sample sample = i < 0 ? deflate.warmup() : deflate.start()) {
                compress(input, output, Deflater.DEFAULT_COMPRESSION);
            }
        }
        double mib = input.length / 1048576.0;
        double[] throughput = java.util.Arrays.stream(deflate.samples(Timer.Figure.WALL_TIME))
                .map(millis -> mib / (millis / 1e3)).toArray();

        Table.Builder levels = Table.builder("levels", "level", "compressed bytes", "ratio").title("Ratio per level");
        for (int level : new int[] {1, 6, 9}) {
            int size = compress(input, output, level);
            levels.row(level, (long) size, (double) input.length / size);
        }
        Table table = levels.build();
        writeCsv(context, table);
        return Measurements.builder().add(THROUGHPUT, throughput).addAll(deflate.measurements(Timer.Figure.WALL_TIME))
                .table(table)
                .property("input_bytes", input.length).build();
    }

    /** A file of the plugin's own: the runner lists it in the reports, which link it. */
    private static void writeCsv(PluginContext context, Table table) {
        StringBuilder csv = new StringBuilder(String.join(",", table.columns())).append('\n');
        for (List<Object> row : table.rows()) {
            csv.append(row.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")))
                    .append('\n');
        }
        try {
            java.nio.file.Files.writeString(context.outputDirectory().resolve("levels.csv"), csv);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int compress(byte[] input, byte[] output, int level) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(input);
            deflater.finish();
            return deflater.deflate(output);
        } finally {
            deflater.end();
        }
    }

    /** Lines shaped like the Kaggle batch rows: sensor_id,time,charge,auxiliary. */
    private static byte[] pulseText(int bytes) {
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder text = new StringBuilder(bytes + 64);
        while (text.length() < bytes) {
            text.append(random.nextInt(5160)).append(',').append(5714 + random.nextInt(20000)).append(',')
                    .append(0.025 + 0.05 * random.nextInt(40)).append(',').append(random.nextBoolean()).append('\n');
        }
        return text.substring(0, bytes).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
