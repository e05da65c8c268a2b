package io.icebench.plugins.io;

import io.icebench.icecube.Column;
import io.icebench.plugins.support.MarkdownReport;
import io.icebench.spi.Metric;
import io.icebench.spi.Table;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.icebench.plugins.io.Repetitions.median;
import static io.icebench.plugins.io.Repetitions.rates;

/** What reading fewer columns saves: all five, the model's four, and time alone, over the measured files, warm. */
final class ProjectionExperiment implements Experiment {

    private record Projection(String name, Set<Column> columns, Metric metric) {
    }

    private static final List<Projection> PROJECTIONS = List.of(
            new Projection("all five columns", EnumSet.allOf(Column.class), IoMetrics.PROJECTION_ALL),
            new Projection("the model's four", StudyRun.MODEL, IoMetrics.PROJECTION_MODEL),
            new Projection("time alone", EnumSet.of(Column.TIME), IoMetrics.PROJECTION_TIME));

    @Override
    public String name() {
        return "projection";
    }

    @Override
    public long timedReadsPerRepetition(StudyRun run) {
        return PROJECTIONS.size();
    }

    @Override
    public void run(StudyRun run) throws Exception {
        long pulses = run.measuredPulses();
        Table.Builder table = Table.builder("projection", "projection", "columns", "time (s)", "pulses/s",
                "time vs the model's four")
                .title("Column projection: the " + run.files.size() + " measured files, warm, " + run.cores
                        + " threads; medians of " + run.timer.count());
        double model = Double.NaN;
        List<Object[]> rows = new ArrayList<>();
        for (Projection projection : PROJECTIONS) {
            if (run.cancelledNow()) {
                return;
            }
            double[] s = run.timer.warm(() -> run.readAll(projection.columns(), run.cores));
            run.sample(projection.metric(), rates(pulses, s));
            if (projection.columns().equals(StudyRun.MODEL)) {
                model = median(s);
            }
            rows.add(new Object[] {projection.name(), columnNames(projection.columns()), median(s),
                    median(rates(pulses, s))});
        }
        for (Object[] row : rows) {
            table.row(row[0], row[1], row[2], row[3], (Double) row[2] / model);
        }
        run.table(table.build());
    }

    private static String columnNames(Set<Column> columns) {
        return String.join(", ", columns.stream().map(Column::columnName).toList());
    }

    @Override
    public void report(StudyRun run, MarkdownReport md) {
        if (run.table("projection") != null) {
            md.heading(2, "Column projection");
            md.table(run.table("projection"));
        }
    }
}
