package io.icebench.plugins.support;

import io.icebench.spi.Table;

import java.util.List;

/** HTML text helpers: everything that came from a plugin, the configuration or the machine passes through here. */
public final class Html {

    private Html() {
    }

    /** Escapes text for element content and for quoted attribute values: {@code & < > " '}. Null becomes empty. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A relative path as a URL for {@code href}/{@code src}: each byte outside the unreserved set (and '/') is
     * percent-encoded, so a file name can neither leave the attribute nor become a scheme ({@code javascript:}).
     */
    public static String relativeUrl(String path) {
        StringBuilder out = new StringBuilder(path.length() + 8);
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        String url = out.toString();
        // never absolute: a leading '/' (or '//') would leave the run folder
        while (url.startsWith("/")) {
            url = url.substring(1);
        }
        return url;
    }

    /**
     * A table of cells that are HTML already (escaped by the caller), headers likewise, in a horizontally
     * scrolling box: {@code numeric} columns are right-aligned, {@code css} names the table and
     * {@code rowClasses} the rows ({@code rowClasses} may be shorter than {@code rows}).
     */
    public static String table(List<String> headers, boolean[] numeric, List<String[]> rows, String css,
                               List<String> rowClasses) {
        StringBuilder html = new StringBuilder();
        html.append("<div class=\"scroll\"><table class=\"").append(css).append("\">\n<thead><tr>");
        for (int c = 0; c < headers.size(); c++) {
            html.append(numeric[c] ? "<th class=\"num\">" : "<th>").append(headers.get(c)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            html.append(r < rowClasses.size() ? "<tr class=\"" + rowClasses.get(r) + "\">" : "<tr>");
            for (int c = 0; c < row.length; c++) {
                html.append(numeric[c] ? "<td class=\"num\">" : "<td>").append(row[c]).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table></div>\n").toString();
    }

    /** A plugin's {@link Table}: every cell {@link Cells#text}, escaped, its line breaks kept as {@code <br>}. */
    public static String table(Table table, String css) {
        if (table.columns().isEmpty()) {
            return "<p>(no columns)</p>\n";
        }
        List<String[]> rows = table.rows().stream()
                .map(row -> row.stream().map(cell -> escape(Cells.text(cell)).replace("\n", "<br>"))
                        .toArray(String[]::new))
                .toList();
        return table(table.columns().stream().map(Html::escape).toList(), Cells.numericColumns(table), rows, css,
                List.of());
    }
}
