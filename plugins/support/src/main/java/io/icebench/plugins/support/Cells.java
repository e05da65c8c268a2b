package io.icebench.plugins.support;

import io.icebench.spi.Table;
import io.icebench.spi.report.Numbers;

import java.util.List;

/**
 * How a {@link Table}'s cells read, the same in every report: a {@code Double} with four significant digits
 * ({@link Numbers#format}), other cells as they are, {@code null} empty; a column of numbers only is right-aligned.
 * The Markdown and HTML renderers escape what this returns.
 */
public final class Cells {

    private Cells() {
    }

    /** A cell's text, not yet escaped. */
    public static String text(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Double real) {
            return Numbers.format(real);
        }
        return cell.toString();
    }

    /** Whether {@code column} holds numbers and empty cells only, at least one number. */
    public static boolean numeric(Table table, int column) {
        boolean any = false;
        for (List<Object> row : table.rows()) {
            Object cell = row.get(column);
            if (cell instanceof Number) {
                any = true;
            } else if (cell != null) {
                return false;
            }
        }
        return any;
    }

    /** {@link #numeric} for every column. */
    public static boolean[] numericColumns(Table table) {
        boolean[] numeric = new boolean[table.columns().size()];
        for (int c = 0; c < numeric.length; c++) {
            numeric[c] = numeric(table, c);
        }
        return numeric;
    }
}
