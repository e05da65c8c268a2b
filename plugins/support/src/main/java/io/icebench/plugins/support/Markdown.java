package io.icebench.plugins.support;

import io.icebench.spi.Table;

import java.util.List;
import java.util.regex.Pattern;

/** Escaping for GitHub-flavoured Markdown, where reports end up: step summaries and pull-request comments. */
public final class Markdown {

    // A list item's text that starts like this would open a heading, a nested list or a setext underline.
    private static final Pattern BLOCK_START = Pattern.compile("^(?:[#+=-]|\\d+[.)])");

    private Markdown() {
    }

    /**
     * Inline text, shown literally: characters with an inline meaning ({@code *}, {@code _}, {@code <}, {@code |},
     * {@code $} for GitHub's math and others) are backslash-escaped and line breaks become {@code <br>}, so the
     * result is safe in a table cell and in a list item.
     */
    public static String text(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '$' -> out.append('\\').append(c);
                case '\r' -> {
                    if (i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                        i++;
                    }
                    out.append("<br>");
                }
                case '\n' -> out.append("<br>");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@link #text} for the start of a list item's text. */
    public static String leadingText(String value) {
        String escaped = text(value);
        var matcher = BLOCK_START.matcher(escaped);
        if (!matcher.find()) {
            return escaped;
        }
        int at = matcher.end() - 1;
        return escaped.substring(0, at) + '\\' + escaped.substring(at);
    }

    /**
     * A code span holding {@code value} literally; in a table cell {@code |} still has to be escaped, which GitHub
     * undoes inside the span.
     */
    public static String code(String value, boolean inTable) {
        if (value.isEmpty()) {
            return "";
        }
        String content = value.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        if (inTable) {
            content = content.replace("|", "\\|");
        }
        int longestRun = 0;
        int run = 0;
        for (int i = 0; i < content.length(); i++) {
            run = content.charAt(i) == '`' ? run + 1 : 0;
            longestRun = Math.max(longestRun, run);
        }
        String fence = "`".repeat(longestRun + 1);
        boolean pad = content.startsWith("`") || content.endsWith("`")
                || (content.startsWith(" ") && content.endsWith(" ") && !content.isBlank());
        return pad ? fence + " " + content + " " + fence : fence + content + fence;
    }

    /** Text inside an HTML element, such as {@code <summary>}, where Markdown is not interpreted. */
    public static String html(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * A table as GitHub-flavoured Markdown: the header, a separator that right-aligns the columns of numbers
     * ({@link Cells#numeric}), and one line per row, every cell {@link Cells#text} escaped by {@link #text}. The
     * title is the caller's: reports show it differently.
     */
    public static String table(Table table) {
        if (table.columns().isEmpty()) {
            return "(no columns)\n";
        }
        StringBuilder md = new StringBuilder();
        row(md, table.columns().stream().map(Markdown::text).toList());
        md.append('|');
        for (boolean numeric : Cells.numericColumns(table)) {
            md.append(numeric ? " ---: |" : " --- |");
        }
        md.append('\n');
        for (List<Object> cells : table.rows()) {
            row(md, cells.stream().map(cell -> text(Cells.text(cell))).toList());
        }
        return md.toString();
    }

    /** One table row of cells that are Markdown already. */
    public static void row(StringBuilder md, List<String> cells) {
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(cell).append(" |");
        }
        md.append('\n');
    }
}
