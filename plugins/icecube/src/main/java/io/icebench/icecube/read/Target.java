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
    /** What the values must be beyond their type; checked as each page is decoded. */
    final ValueRule rule;
    final short[] shorts;
    final long[] longs;
    final double[] doubles;
    final boolean[] booleans;

    private Target(String name, Kind kind, int size, ValueRule rule, Object reuse) {
        this.name = name;
        this.kind = kind;
        this.rule = rule;
        this.shorts = kind != Kind.SHORT ? null : reuse instanceof short[] a && a.length == size ? a : new short[size];
        this.longs = kind != Kind.LONG ? null : reuse instanceof long[] a && a.length == size ? a : new long[size];
        this.doubles = kind != Kind.DOUBLE ? null
                : reuse instanceof double[] a && a.length == size ? a : new double[size];
        this.booleans = kind != Kind.BOOLEAN ? null
                : reuse instanceof boolean[] a && a.length == size ? a : new boolean[size];
    }

    static Target allocate(String name, Kind kind, int size) {
        return new Target(name, kind, size, ValueRule.ANY, null);
    }

    /** A target whose values must keep {@code rule}: a value that breaks it fails the read, naming its row. */
    static Target allocate(String name, Kind kind, int size, ValueRule rule) {
        return new Target(name, kind, size, rule, null);
    }

    /**
     * As {@link #allocate(String, Kind, int, ValueRule)}, into {@code reuse} when it is an array of the kind's type
     * exactly {@code size} long (decoding overwrites every value), else into a new array.
     */
    static Target allocate(String name, Kind kind, int size, ValueRule rule, Object reuse) {
        return new Target(name, kind, size, rule, reuse);
    }

    /** The index of the first value in {@code [from, from + n)} that breaks the rule, or -1. */
    int firstBroken(int from, int n) {
        return switch (kind) {
            case SHORT -> rule.firstBroken(shorts, from, n);
            case DOUBLE -> rule.firstBroken(doubles, from, n);
            case LONG, BOOLEAN -> -1;
        };
    }

    /** The value at {@code index}, for a message. */
    String valueAt(int index) {
        return switch (kind) {
            case SHORT -> Short.toString(shorts[index]);
            case LONG -> Long.toString(longs[index]);
            case DOUBLE -> Double.toString(doubles[index]);
            case BOOLEAN -> Boolean.toString(booleans[index]);
        };
    }
}
