package io.icebench.icecube.read;

/**
 * The primitive array one parquet column is decoded into. Exactly one array is set, matching {@link #kind}.
 * Kept as one small final class (not an interface per kind) so the page decoder can switch on the kind once per
 * page and then run a monomorphic loop.
 */
final class Target {

    /** What the layout asks for, whatever physical type the writer chose. */
    enum Kind {
        /** int16: sensor_id. INT32 (annotated or not) and INT64 are narrowed with a range check. */
        SHORT("int16"),
        /** int64: time, event_id, meta indices. INT32 is widened. */
        LONG("int64"),
        /** float64: charge, angles. FLOAT is widened. */
        DOUBLE("float64"),
        /** boolean: auxiliary. */
        BOOLEAN("boolean");

        private final String layoutType;

        Kind(String layoutType) {
            this.layoutType = layoutType;
        }

        String layoutType() {
            return layoutType;
        }
    }

    final String name;
    final Kind kind;
    final short[] shorts;
    final long[] longs;
    final double[] doubles;
    final boolean[] booleans;

    private Target(String name, Kind kind, int size) {
        this.name = name;
        this.kind = kind;
        this.shorts = kind == Kind.SHORT ? new short[size] : null;
        this.longs = kind == Kind.LONG ? new long[size] : null;
        this.doubles = kind == Kind.DOUBLE ? new double[size] : null;
        this.booleans = kind == Kind.BOOLEAN ? new boolean[size] : null;
    }

    static Target allocate(String name, Kind kind, int size) {
        return new Target(name, kind, size);
    }
}
