package io.icebench.spi;

import java.util.Objects;

/**
 * The unit a metric's samples are expressed in, as a display symbol ({@code ms}, {@code events/s}).
 * Units are compared by symbol; the runner never converts between them.
 */
public record Unit(String symbol) {

    public static final Unit NANOSECONDS = new Unit("ns");
    public static final Unit MICROSECONDS = new Unit("us");
    public static final Unit MILLISECONDS = new Unit("ms");
    public static final Unit SECONDS = new Unit("s");
    public static final Unit BYTES = new Unit("B");
    public static final Unit MEBIBYTES = new Unit("MiB");
    public static final Unit MEBIBYTES_PER_SECOND = new Unit("MiB/s");
    public static final Unit OPERATIONS_PER_SECOND = new Unit("ops/s");
    public static final Unit PERCENT = new Unit("%");
    public static final Unit RATIO = new Unit("ratio");
    public static final Unit COUNT = new Unit("count");

    public Unit {
        Objects.requireNonNull(symbol, "symbol");
        if (symbol.isBlank()) {
            throw new IllegalArgumentException("a unit needs a symbol, such as 'ms' or 'events/s'");
        }
    }

    public static Unit of(String symbol) {
        return new Unit(symbol);
    }

    @Override
    public String toString() {
        return symbol;
    }
}
