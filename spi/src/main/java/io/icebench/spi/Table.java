package io.icebench.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A table of exploratory output, such as packing efficiency per case. Cells are {@code String}, {@code Long},
 * {@code Integer}, {@code Double}, {@code Boolean} or {@code null} (an empty cell); every row has one cell per column.
 *
 * @param name        identifier, unique within the plugin; used for file names
 * @param title       one line for reports; may be empty
 * @param columns     column headers, units included where they apply (such as {@code "time (ms)"})
 * @param rows        the rows, unmodifiable
 */
public record Table(String name, String title, List<String> columns, List<List<Object>> rows) {

    public Table {
        Objects.requireNonNull(name, "name");
        title = title == null ? "" : title;
        columns = List.copyOf(columns);
        List<List<Object>> copied = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("table '" + name + "' has " + columns.size()
                        + " columns but a row with " + row.size() + " cells");
            }
            for (Object cell : row) {
                if (cell != null && !(cell instanceof String || cell instanceof Long || cell instanceof Integer
                        || cell instanceof Double || cell instanceof Boolean)) {
                    throw new IllegalArgumentException("table '" + name + "' has a cell of type "
                            + cell.getClass().getName() + "; use String, Long, Integer, Double or Boolean");
                }
            }
            copied.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copied);
    }

    /** Starts a table with the given columns. */
    public static Builder builder(String name, String... columns) {
        return new Builder(name, List.of(columns));
    }

    /** Collects rows; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final List<String> columns;
        private final List<List<Object>> rows = new ArrayList<>();
        private String title = "";

        private Builder(String name, List<String> columns) {
            this.name = name;
            this.columns = columns;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder row(Object... cells) {
            rows.add(java.util.Arrays.asList(cells));
            return this;
        }

        public Table build() {
            return new Table(name, title, columns, rows);
        }
    }
}
