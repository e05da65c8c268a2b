package io.icebench.plugins.support;

import io.icebench.spi.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    /** The table's title in bold, then the table as {@link Markdown#table} renders it in every report. */
    public MarkdownReport table(Table table) {
        if (!table.title().isEmpty()) {
            text.append("**").append(Markdown.text(table.title())).append("**\n\n");
        }
        text.append(Markdown.table(table)).append('\n');
        return this;
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
