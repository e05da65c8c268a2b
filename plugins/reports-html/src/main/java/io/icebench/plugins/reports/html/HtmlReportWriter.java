package io.icebench.plugins.reports.html;

import io.icebench.plugins.support.Html;
import io.icebench.spi.ReportOutput;
import io.icebench.spi.ReportWriter;
import io.icebench.spi.RunReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@code report.html}: one self-contained page per run (inline CSS, charts as PNG data URIs drawn by XChart,
 * no scripts, nothing fetched from the network). It opens with the run's verdict, then, when the run had a baseline,
 * the comparison with it (regressions first, with a chart of the changes), then every threshold, then each
 * plugin with its metrics, their distributions with the thresholds drawn on them, its tables, charts and files, and
 * ends with the machine fingerprint, the configuration and the problems of the run. Every string from a plugin, the
 * configuration or the machine is escaped with {@link Html#escape}.
 */
public final class HtmlReportWriter implements ReportWriter {

    public static final String ID = "html";
    public static final String FILE_NAME = "report.html";

    /** Charts per page at most, so that a large run stays a page of a few megabytes at worst. */
    static final int MAX_CHARTS = 60;
    /** Bytes of embedded charts at most; charts beyond it are left out with a note. */
    static final long CHART_BUDGET = 1_600_000;

    @Override
    public String id() {
        return ID;
    }


    @Override
    public String description() {
        return "report.html: one self-contained page with verdicts, distributions, tables and charts";
    }

    @Override
    public void write(RunReport report, ReportOutput output) throws IOException {
        byte[] page = render(report).getBytes(StandardCharsets.UTF_8);
        output.write(FILE_NAME, out -> out.write(page));
    }

    static String render(RunReport report) {
        return new Page(report).render();
    }
}
