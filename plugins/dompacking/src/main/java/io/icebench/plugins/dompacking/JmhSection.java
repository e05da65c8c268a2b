package io.icebench.plugins.dompacking;

import io.icebench.plugins.support.MarkdownReport;
import io.icebench.spi.Table;

/** With {@code jmh: true}: the packing kernel timed by JMH in a forked JVM, at the chart length, best algorithm. */
final class JmhSection implements Section {

    private Table table;

    @Override
    public void measure(PackingStudy study) throws Exception {
        if (study.context.parameters().getBoolean("jmh")) {
            table = JmhPacking.run(study.chartLength, study.best, study.policy, study.context.logger());
            study.out.table(table);
        }
    }

    @Override
    public void report(PackingStudy study, MarkdownReport md) {
        if (table != null) {
            md.heading(2, "JMH").table(table);
        }
    }
}
