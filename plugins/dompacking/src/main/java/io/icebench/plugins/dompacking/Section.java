package io.icebench.plugins.dompacking;

import io.icebench.plugins.support.MarkdownReport;

import java.io.IOException;

/**
 * One part of the dom-packing study: what it measures into {@link PackingStudy#out}, the PNG it draws and its
 * section of {@code dom-packing-report.md}. The plugin runs every section's {@link #measure} in order, then every
 * {@link #plot} and {@link #report}.
 */
interface Section {

    void measure(PackingStudy study) throws Exception;

    default void plot(PackingStudy study) throws IOException {
    }

    void report(PackingStudy study, MarkdownReport md);
}
