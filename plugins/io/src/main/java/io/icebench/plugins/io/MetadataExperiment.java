package io.icebench.plugins.io;

import io.icebench.icecube.Column;
import io.icebench.icecube.Geometry;
import io.icebench.icecube.read.LoadedBatch;
import io.icebench.plugins.support.MarkdownReport;
import io.icebench.spi.Series;
import io.icebench.spi.Table;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * What the data looks like: pulses per event and events per batch from the meta file, DOMs per event and pulses
 * per DOM from the measured files, and the pulses-per-event histogram. Untimed.
 */
final class MetadataExperiment implements Experiment {

    static final String HISTOGRAM_PNG = "pulses-per-event.png";
    static final String HISTOGRAM_CHART = "Pulses per event (log-binned, log count)";

    private LogHistogram histogram;

    @Override
    public String name() {
        return "metadata";
    }

    @Override
    public long timedReadsPerRepetition(StudyRun run) {
        return 0;
    }

    @Override
    public void run(StudyRun run) {
        int events = run.meta.size();
        int[] pulsesPerEvent = new int[events];
        long totalPulses = 0;
        for (int i = 0; i < events; i++) {
            pulsesPerEvent[i] = run.meta.pulses(i);
            totalPulses += pulsesPerEvent[i];
        }
        run.property("dataset_events", events);
        run.property("dataset_pulses", totalPulses);

        List<Integer> ids = run.dataset.batchIds();
        int[] eventsPerBatch = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            int[] rows = run.meta.rowsOfBatch(ids.get(i));
            eventsPerBatch[i] = rows[1] - rows[0];
        }
        int[][] doms = domsPerEvent(run);
        if (doms == null) {
            return;
        }
        metadataTable(run, pulsesPerEvent, eventsPerBatch, doms[0], doms[1]);
        histogram(run, pulsesPerEvent);
    }

    /**
     * DOMs per event and pulses per DOM of each event, from sensor_id alone, of the measured files; null when
     * cancelled. A stamp per sensor (the event that last touched it) makes the distinct count O(pulses) with no
     * clearing between events.
     */
    private static int[][] domsPerEvent(StudyRun run) {
        IntStream.Builder domsPerEvent = IntStream.builder();
        IntStream.Builder pulsesPerDom = IntStream.builder();
        int[] stamp = new int[Geometry.SENSORS];
        int[] count = new int[Geometry.SENSORS];
        int[] touched = new int[Geometry.SENSORS];
        Arrays.fill(stamp, -1);
        int eventNumber = 0;
        for (BatchFile file : run.files) {
            if (run.cancelledNow()) {
                return null;
            }
            LoadedBatch batch = run.dataset.load(file.batchId(), EnumSet.of(Column.SENSOR_ID), run.cores);
            short[] sensor = batch.pulses().sensorId();
            int[] starts = batch.eventStarts();
            for (int e = 0; e + 1 < starts.length; e++, eventNumber++) {
                int doms = 0;
                for (int p = starts[e]; p < starts[e + 1]; p++) {
                    int s = sensor[p];
                    if (s < 0 || s >= Geometry.SENSORS) {
                        throw new IllegalStateException("batch " + file.batchId() + " (" + file.path()
                                + ") has sensor_id " + s + " at row " + p + ", outside 0.." + (Geometry.SENSORS - 1));
                    }
                    if (stamp[s] != eventNumber) {
                        stamp[s] = eventNumber;
                        count[s] = 0;
                        touched[doms++] = s;
                    }
                    count[s]++;
                }
                domsPerEvent.add(doms);
                for (int d = 0; d < doms; d++) {
                    pulsesPerDom.add(count[touched[d]]);
                }
            }
        }
        return new int[][] {domsPerEvent.build().toArray(), pulsesPerDom.build().toArray()};
    }

    private static void metadataTable(StudyRun run, int[] pulsesPerEvent, int[] eventsPerBatch, int[] doms,
                                      int[] perDom) {
        String allMeta = "meta file, all " + pulsesPerEvent.length + " events";
        String measuredFiles = "first " + run.files.size() + " batch file" + (run.files.size() == 1 ? "" : "s");
        Table.Builder table = Table.builder("metadata", "quantity", "source", "count", "min", "median", "mean",
                "p95", "p99", "p99.9", "max")
                .title("What the data looks like: HF7 quantiles (numpy's default)");
        row(table, "pulses per event", allMeta, Distribution.of(pulsesPerEvent));
        row(table, "events per batch", "meta file, all " + eventsPerBatch.length + " batch files",
                Distribution.of(eventsPerBatch));
        if (doms.length > 0) {
            row(table, "DOMs per event", measuredFiles, Distribution.of(doms));
            row(table, "pulses per DOM (per event)", measuredFiles, Distribution.of(perDom));
            long single = Arrays.stream(perDom).filter(v -> v == 1).count();
            run.property("single_pulse_dom_fraction", String.format(Locale.ROOT, "%.4f",
                    (double) single / perDom.length));
        }
        run.table(table.build());
    }

    private static void row(Table.Builder table, String quantity, String source, Distribution d) {
        table.row(quantity, source, d.count(), d.min(), d.median(), d.mean(), d.p95(), d.p99(), d.p999(), d.max());
    }

    private void histogram(StudyRun run, int[] pulsesPerEvent) {
        histogram = LogHistogram.of(pulsesPerEvent, run.bins);
        Table.Builder bars = Table.builder("pulses_per_event_histogram", "bin", "from (pulses)",
                "to (pulses, inclusive)", "events")
                .title("Pulses per event, " + histogram.bins() + " log-spaced bins (" + HISTOGRAM_PNG + ")");
        double[] x = new double[histogram.bins()];
        double[] y = new double[histogram.bins()];
        for (int b = 0; b < histogram.bins(); b++) {
            bars.row(b + 1, histogram.edges()[b], histogram.edges()[b + 1] - 1, histogram.counts()[b]);
            x[b] = histogram.edges()[b];
            y[b] = histogram.counts()[b];
        }
        run.table(bars.build());
        run.series(new Series(HISTOGRAM_CHART, "events", "pulses per event (bin start)", "events", x, y));
    }

    @Override
    public void plot(StudyRun run) {
        if (histogram != null) {
            run.plot(HISTOGRAM_PNG, () -> IoCharts.histogram(HISTOGRAM_CHART, "pulses per event", histogram,
                    run.output(HISTOGRAM_PNG)));
        }
    }

    @Override
    public void report(StudyRun run, MarkdownReport md) {
        if (run.table("metadata") != null) {
            md.heading(2, "The data");
            md.table(run.table("metadata"));
            run.image(md, HISTOGRAM_PNG, HISTOGRAM_CHART);
            md.table(run.table("pulses_per_event_histogram"));
        }
    }
}
