package io.icebench.spi.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Number formatting shared by report writers, independent of the default locale. */
public final class Numbers {

    private Numbers() {
    }

    /** Four significant digits, plain notation, no trailing zeros, '.' as decimal separator: {@code 1234}, {@code 0.01235}. */
    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4));
        return rounded.stripTrailingZeros().toPlainString();
    }
}
