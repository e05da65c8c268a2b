package io.icebench.plugins.support;

import io.icebench.spi.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A plugin's human-readable report file: headings, paragraphs, the study's {@link Table}s and its PNGs by
 * relative link, so the folder can be moved or opened anywhere as a whole.
 */
public final class MarkdownReport {

    private final StringBuilder text = new StringBuilder();

    public MarkdownReport heading(int level, String title) {
        text.append("#".repeat(level)).append(' ').append(title).append("\n\n");
        return this;
    }

    public MarkdownReport paragraph(String paragraph) {
        text.append(paragraph).append("\n\n");
        return this;
    }

    public MarkdownReport bullets(List<String> items) {
        for (String item : items) {
            text.append("- ").append(item).append('\n');
        }
        text.append('\n');
        return this;
    }

    /** An image in the same folder as the report. */
    public MarkdownReport image(String alt, String fileName) {
        text.append("![").append(alt).append("](").append(fileName).append(")\n\n");
        return this;
    }

    public MarkdownReport table(Table table) {
        if (!table.title().isEmpty()) {
            text.append("**").append(escape(table.title())).append("**\n\n");
        }
        text.append('|');
        for (String column : table.columns()) {
            text.append(' ').append(escape(column)).append(" |");
        }
        text.append("\n|");
        for (int i = 0; i < table.columns().size(); i++) {
            text.append("---|");
        }
        text.append('\n');
        for (List<Object> row : table.rows()) {
            text.append('|');
            for (Object cell : row) {
                text.append(' ').append(escape(format(cell))).append(" |");
            }
            text.append('\n');
        }
        text.append('\n');
        return this;
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** Numbers as a reader wants them: thousands grouped, about three significant digits for fractions. */
    public static String format(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Double value) {
            double v = value;
            double magnitude = Math.abs(v);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                return "n/a";
            }
            if (v == 0) {
                return "0";
            }
            if (magnitude >= 1000) {
                return String.format(Locale.ROOT, "%,.0f", v);
            }
            if (magnitude >= 10) {
                return String.format(Locale.ROOT, "%.1f", v);
            }
            if (magnitude >= 0.01) {
                return String.format(Locale.ROOT, "%.3f", v);
            }
            return String.format(Locale.ROOT, "%.3g", v);
        }
        if (cell instanceof Long || cell instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) cell).longValue());
        }
        return cell.toString();
    }

    private static String escape(String value) {
        return value.replace("|", "\\|").replace("\n", " ");
    }
}
