package io.icebench.plugins.io;

import io.icebench.icecube.Column;
import io.icebench.icecube.DefaultDataset;
import io.icebench.icecube.EventMeta;
import io.icebench.icecube.read.BatchReader;
import io.icebench.icecube.read.Dataset;
import io.icebench.plugins.support.MarkdownReport;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.Parameters;
import io.icebench.spi.PluginContext;
import io.icebench.spi.Series;
import io.icebench.spi.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the experiments of one I/O study share: the plugin's context and parameters, the dataset and the measured
 * files, the timer, the reads each file got, and the figures collected so far (samples, tables, series,
 * properties, plots). One per {@link IoPlugin#run}, so the plugin itself stays stateless.
 */
final class StudyRun {

    static final double MIB = 1024.0 * 1024.0;
    static final Set<Column> MODEL = Column.modelInputs();

    final PluginContext context;
    final Evictor evictor;
    final System.Logger log;
    final int threadsParameter;
    final boolean cold;
    final boolean duckdb;
    final int bins;
    final int cores;
    final Repetitions timer;
    final Path folder;
    final Dataset dataset;
    final EventMeta meta;
    final List<BatchFile> files;
    /** One per file the reads experiment measured, in file order. */
    final List<FileReads> reads = new ArrayList<>();

    private final Map<Metric, List<double[]>> samples = new LinkedHashMap<>();
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final List<Series> series = new ArrayList<>();
    final Map<String, Object> properties = new LinkedHashMap<>();
    final List<String> plots = new ArrayList<>();
    final List<String> plotProblems = new ArrayList<>();
    private boolean cancelled;

    StudyRun(PluginContext context, Evictor evictor) throws IOException {
        this.context = context;
        this.evictor = evictor;
        this.log = context.logger();
        Parameters parameters = context.parameters();
        this.threadsParameter = parameters.getInt(IoPlugin.THREADS);
        this.cold = parameters.getBoolean(IoPlugin.COLD);
        this.duckdb = parameters.getBoolean(IoPlugin.DUCKDB);
        this.bins = parameters.getInt(IoPlugin.HISTOGRAM_BINS);
        this.cores = Runtime.getRuntime().availableProcessors();
        this.timer = new Repetitions(parameters.getInt(IoPlugin.REPETITIONS));
        this.folder = DefaultDataset.resolve(context.dataset());
        this.dataset = Dataset.open(folder);
        this.meta = dataset.meta();
        int maxFiles = parameters.getInt(IoPlugin.MAX_FILES);
        List<BatchFile> measured = new ArrayList<>();
        for (int id : dataset.batchIds().subList(0, Math.min(maxFiles, dataset.batchIds().size()))) {
            measured.add(describe(id));
        }
        this.files = List.copyOf(measured);
    }

    private BatchFile describe(int batchId) throws IOException {
        Path path = dataset.batchFile(batchId);
        long fromMeta = dataset.pulseCount(batchId);
        long pulses = fromMeta < 0 ? BatchReader.rowCount(path) : fromMeta;
        return new BatchFile(batchId, path, Files.size(path), pulses);
    }

    /** Whether the runner cancelled the study; once true, stays true. */
    boolean cancelledNow() {
        if (context.isCancelled()) {
            cancelled = true;
        }
        return cancelled;
    }

    boolean cancelled() {
        return cancelled;
    }

    long measuredPulses() {
        return files.stream().mapToLong(BatchFile::pulses).sum();
    }

    /** Reads every measured file with our reader; returns the pulses read. */
    long readAll(Set<Column> columns, int threads) {
        long pulses = 0;
        for (BatchFile file : files) {
            pulses += file.read(columns, threads);
        }
        return pulses;
    }

    void sample(Metric metric, double... values) {
        samples.computeIfAbsent(metric, m -> new ArrayList<>()).add(values.clone());
    }

    void table(Table table) {
        tables.put(table.name(), table);
    }

    Table table(String name) {
        return tables.get(name);
    }

    void series(Series one) {
        series.add(one);
    }

    void property(String key, Object value) {
        properties.put(key, value);
    }

    interface Plot {
        void draw() throws IOException;
    }

    interface SeriesPlot {
        void draw(List<Series> series) throws IOException;
    }

    /** Draws {@code file} from the series of {@code chart}, when there are any. */
    void plotSeries(String chart, String file, SeriesPlot plot) {
        List<Series> of = series.stream().filter(s -> s.chart().equals(chart)).toList();
        if (!of.isEmpty()) {
            plot(file, () -> plot.draw(of));
        }
    }

    /** A plot that cannot be drawn (no fonts on a bare machine, say) costs the plot, not the measurements. */
    void plot(String file, Plot plot) {
        try {
            plot.draw();
            plots.add(file);
        } catch (IOException | RuntimeException | LinkageError | java.awt.AWTError e) {
            plotProblems.add(file + ": " + e);
            log.log(System.Logger.Level.WARNING, "io: cannot draw " + file + ": " + e);
        }
    }

    /** The image, when its plot was drawn. */
    void image(MarkdownReport md, String file, String alt) {
        if (plots.contains(file)) {
            md.image(alt, file);
        }
    }

    Path output(String file) {
        return context.outputDirectory().resolve(file);
    }

    Measurements build() {
        Measurements.Builder out = Measurements.builder();
        for (Metric metric : IoMetrics.ALL) {
            List<double[]> parts = samples.get(metric);
            if (parts == null) {
                continue;
            }
            double[] all = parts.stream().flatMapToDouble(Arrays::stream).toArray();
            if (all.length > 0) {
                out.add(metric, all);
            }
        }
        tables.values().forEach(out::table);
        series.forEach(out::series);
        properties.forEach(out::property);
        return out.build();
    }
}
