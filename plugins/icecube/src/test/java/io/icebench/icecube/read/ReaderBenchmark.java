package io.icebench.icecube.read;

import io.icebench.icecube.Column;
import io.icebench.icecube.PulseBatch;
import io.icebench.icecube.parquet.ParquetFiles;
import io.icebench.icecube.parquet.WriteOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Decoding speed of {@link BatchReader} on a real-size batch (about 33 million pulses, 200,000 events, written with
 * {@link WriteOptions#kaggle()}), against DuckDB scanning the same columns and a plain sequential read of the
 * file. Not a test: run by hand,
 * <pre>
 *   java -Xmx8g -cp target/test-classes:target/classes:$(deps) io.icebench.icecube.read.ReaderBenchmark [file]
 * </pre>
 * The file is written once (default {@code /tmp/icebench-reader-bench/batch_1.parquet}) and reused when present;
 * a second copy written as a single row group (as older pyarrow wrote the real files) is measured the same way.
 * The machine's load average is printed because other processes on a 2-core machine move these numbers.
 */
public final class ReaderBenchmark {

    private static final int EVENTS = 200_000;
    private static final int WARMUPS = 2;
    private static final int REPETITIONS = 5;

    private ReaderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = args.length > 0 ? Path.of(args[0]) : Path.of("/tmp/icebench-reader-bench/batch_1.parquet");
        System.out.println("load average before: " + loadAverage());
        measure(file, WriteOptions.kaggle());
        // pyarrow before version 15 wrote up to 64 Mi rows per row group: a real batch is likely one row group.
        Path single = file.resolveSibling(file.getFileName().toString().replace(".parquet", "")
                + "_one_row_group.parquet");
        measure(single, WriteOptions.kaggle().withRowGroupRows(64 << 20));
        System.out.println("load average after: " + loadAverage());
    }

    private static void measure(Path file, WriteOptions options) throws Exception {
        if (!Files.exists(file)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            long start = System.nanoTime();
            PulseBatch batch = synthesise(EVENTS, 7);
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            ParquetFiles.writeBatch(partial, batch, options);
            Files.move(partial, file);
            System.out.printf("wrote %s: %,d pulses in %.1f s%n", file, batch.size(),
                    (System.nanoTime() - start) / 1e9);
        }
        long pulses = BatchReader.rowCount(file);
        System.out.printf("%nfile %s: %,d pulses, %,d bytes, %d row groups, %d cores, java %s%n", file, pulses,
                Files.size(file), rowGroups(file), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        Set<Column> model = Column.modelInputs();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("SET threads=2");
            String query = "SELECT sum(sensor_id), sum(time), sum(charge), count_if(auxiliary) FROM read_parquet('"
                    + file.toAbsolutePath() + "')";
            double[] medians = interleaved(
                    () -> rawRead(file),
                    () -> checksum(BatchReader.read(file, model, 1)),
                    () -> checksum(BatchReader.read(file, model, 2)),
                    () -> duckdb(statement, query));
            double raw = medians[0];
            double two = medians[2];
            double duck = medians[3];
            report("raw sequential read (64 KiB buffer)", raw, pulses);
            report("BatchReader, 4 model columns, 1 thread", medians[1], pulses);
            report("BatchReader, 4 model columns, 2 threads", two, pulses);
            report("DuckDB scan, same 4 columns, 2 threads", duck, pulses);
            System.out.printf("ratio BatchReader(2 threads) / DuckDB(2 threads) speed: %.2fx%n", duck / two);
            System.out.printf("ratio BatchReader(2 threads) / raw read speed:           %.2fx%n", raw / two);
        }
    }

    private static long duckdb(Statement statement, String query) {
        try (ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1) + rows.getLong(2) + rows.getLong(4);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long rowGroups(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT num_row_groups FROM parquet_file_metadata('"
                     + file.toAbsolutePath() + "')")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Seconds per contender: the median of {@value #REPETITIONS} runs after {@value #WARMUPS} warm-ups. The
     * contenders take turns within each repetition, so load from other processes on the machine falls on all of
     * them alike instead of on whichever happened to run at the time.
     */
    private static double[] interleaved(LongSupplier... contenders) {
        long sink = 0;
        for (int i = 0; i < WARMUPS; i++) {
            for (LongSupplier contender : contenders) {
                sink += contender.getAsLong();
            }
        }
        double[][] seconds = new double[contenders.length][REPETITIONS];
        for (int i = 0; i < REPETITIONS; i++) {
            for (int c = 0; c < contenders.length; c++) {
                long start = System.nanoTime();
                sink += contenders[c].getAsLong();
                seconds[c][i] = (System.nanoTime() - start) / 1e9;
            }
        }
        if (sink == 42) {
            System.out.println();
        }
        double[] medians = new double[contenders.length];
        for (int c = 0; c < contenders.length; c++) {
            Arrays.sort(seconds[c]);
            medians[c] = seconds[c][REPETITIONS / 2];
        }
        return medians;
    }

    private static void report(String what, double seconds, long pulses) {
        System.out.printf("%-44s median %.3f s  %7.1f M pulses/s%n", what, seconds, pulses / seconds / 1e6);
    }

    private static long rawRead(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
            long total = 0;
            int n;
            while ((n = channel.read(buffer)) >= 0) {
                total += n;
                buffer.clear();
            }
            return total;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Touches every value so nothing can be skipped. */
    private static long checksum(PulseBatch batch) {
        short[] sensor = batch.sensorId();
        long[] time = batch.time();
        double[] charge = batch.charge();
        boolean[] aux = batch.auxiliary();
        long sum = 0;
        for (int i = 0; i < batch.size(); i += 4096) {
            sum += sensor[i] + time[i] + (long) charge[i] + (aux[i] ? 1 : 0);
        }
        return sum;
    }

    /**
     * Roughly the real shape: log-normal pulses per event (median 63, mean about 165, long tail), sensor ids over
     * the whole detector, times sorted within an event and spread over about 12 µs, charge quantised as
     * 0.025 + 0.05·n with median about 1.1, 64% auxiliary.
     */
    static PulseBatch synthesise(int events, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] counts = new int[events];
        long total = 0;
        for (int e = 0; e < events; e++) {
            double n = Math.exp(Math.log(63) + 1.38 * gaussian(random));
            counts[e] = (int) Math.max(5, Math.min(178_250, Math.round(n)));
            total += counts[e];
        }
        int size = (int) total;
        short[] sensor = new short[size];
        long[] time = new long[size];
        double[] charge = new double[size];
        boolean[] aux = new boolean[size];
        long[] eventId = new long[size];
        int row = 0;
        long id = 24;
        for (int e = 0; e < events; e++) {
            int n = counts[e];
            long t = 5714 + random.nextInt(4000);
            int step = Math.max(1, 2 * 11_600 / n);
            for (int i = 0; i < n; i++, row++) {
                sensor[row] = (short) random.nextInt(5160);
                t = Math.min(77_785, t + random.nextInt(step + 1));
                time[row] = t;
                int quanta = (int) Math.min(55_000, Math.exp(Math.log(21) + 1.2 * gaussian(random)));
                charge[row] = 0.025 + 0.05 * quanta;
                aux[row] = random.nextDouble() < 0.64;
                eventId[row] = id;
            }
            id += 1 + random.nextInt(60);
        }
        return new PulseBatch(size, sensor, time, charge, aux, eventId);
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
