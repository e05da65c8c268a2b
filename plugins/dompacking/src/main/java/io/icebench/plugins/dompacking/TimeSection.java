package io.icebench.plugins.dompacking;

import io.icebench.icecube.pack.PackingAlgorithm;
import io.icebench.plugins.support.Charts;
import io.icebench.plugins.support.MarkdownReport;
import io.icebench.spi.Series;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** How long packing one event takes with each algorithm, against the event's size (the per-event curves). */
final class TimeSection implements Section {

    private final List<Series> series = new ArrayList<>();
    private String chart;

    @Override
    public void measure(PackingStudy study) {
        chart = "Packing time vs event size (L = " + study.chartLength + ")";
        for (PackingAlgorithm algorithm : study.algorithms) {
            series.add(new Series(chart, algorithm.label(), "event size (pulses)", "packing time (us, median)",
                    study.curves.x, study.curves.timeMicros.get(algorithm)));
        }
        series.forEach(study.out::series);
    }

    @Override
    public void plot(PackingStudy study) throws IOException {
        Charts.lines(chart, series, false, false, study.output(DomPackingPlugin.PNG_TIME));
    }

    @Override
    public void report(PackingStudy study, MarkdownReport md) {
        md.heading(2, "Packing time").image("packing time vs event size", DomPackingPlugin.PNG_TIME);
    }
}
