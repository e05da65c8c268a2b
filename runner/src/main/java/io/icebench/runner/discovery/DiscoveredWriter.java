package io.icebench.runner.discovery;

import io.icebench.spi.ReportWriter;

/** A report writer that loaded and passed the checks. */
public record DiscoveredWriter(ReportWriter writer, String id, String description, String source) {
}
