package io.icebench.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters a plugin runs with: its declared {@link ParameterSpec}s, each with the configured value or the
 * default. Values were checked against their types before the run started, so the getters only fail on a name the
 * plugin did not declare or a getter of the wrong type, which are bugs in the plugin.
 */
public final class Parameters {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h)");

    private final Map<String, ParameterSpec> specs;
    private final Map<String, String> values;

    private Parameters(Map<String, ParameterSpec> specs, Map<String, String> values) {
        this.specs = specs;
        this.values = values;
    }

    /**
     * Resolves configured text values against the declared specs.
     *
     * @throws IllegalArgumentException naming the key and the fix, for an undeclared key or a value of the wrong type
     */
    public static Parameters resolve(List<ParameterSpec> declared, Map<String, String> configured) {
        Map<String, ParameterSpec> specs = new LinkedHashMap<>();
        for (ParameterSpec spec : declared) {
            if (specs.put(spec.name(), spec) != null) {
                throw new IllegalArgumentException("parameter '" + spec.name() + "' is declared twice");
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (ParameterSpec spec : declared) {
            values.put(spec.name(), spec.defaultValue());
        }
        for (Map.Entry<String, String> entry : configured.entrySet()) {
            ParameterSpec spec = specs.get(entry.getKey());
            if (spec == null) {
                throw new IllegalArgumentException("unknown parameter '" + entry.getKey() + "'; known: "
                        + (specs.isEmpty() ? "(none)" : String.join(", ", specs.keySet())));
            }
            parse(spec.name(), spec.type(), entry.getValue());
            values.put(spec.name(), entry.getValue().trim());
        }
        atLeast(specs, values, ParameterSpec.WARMUP_ITERATIONS, 0);
        atLeast(specs, values, ParameterSpec.ITERATIONS, 1);
        return new Parameters(Collections.unmodifiableMap(specs), Collections.unmodifiableMap(values));
    }

    /** The conventions of {@link ParameterSpec#warmupIterations} and {@link ParameterSpec#iterations}. */
    private static void atLeast(Map<String, ParameterSpec> specs, Map<String, String> values, String name,
                                int minimum) {
        ParameterSpec spec = specs.get(name);
        if (spec == null || (spec.type() != ParameterSpec.Type.INT && spec.type() != ParameterSpec.Type.LONG)) {
            return;
        }
        long value = ((Number) parse(name, spec.type(), values.get(name))).longValue();
        if (value < minimum) {
            throw new IllegalArgumentException("parameter '" + name + "' must be at least " + minimum + ", was "
                    + value);
        }
    }

    /**
     * The warm-up iterations ({@link ParameterSpec#WARMUP_ITERATIONS}), checked to be 0 or more.
     *
     * @since SPI 1.3
     */
    public int warmupIterations() {
        return getInt(ParameterSpec.WARMUP_ITERATIONS);
    }

    /**
     * The measured iterations ({@link ParameterSpec#ITERATIONS}), checked to be at least 1.
     *
     * @since SPI 1.3
     */
    public int iterations() {
        return getInt(ParameterSpec.ITERATIONS);
    }

    /** Parameters with every declared default; what a plugin sees when the configuration is silent. */
    public static Parameters defaults(List<ParameterSpec> declared) {
        return resolve(declared, Map.of());
    }

    /** The resolved text values, in declaration order; what reports show. */
    public Map<String, String> asText() {
        return values;
    }

    public String getString(String name) {
        return (String) get(name, ParameterSpec.Type.STRING);
    }

    public int getInt(String name) {
        return (Integer) get(name, ParameterSpec.Type.INT);
    }

    public long getLong(String name) {
        return (Long) get(name, ParameterSpec.Type.LONG);
    }

    public double getDouble(String name) {
        return (Double) get(name, ParameterSpec.Type.DOUBLE);
    }

    public boolean getBoolean(String name) {
        return (Boolean) get(name, ParameterSpec.Type.BOOLEAN);
    }

    public Duration getDuration(String name) {
        return (Duration) get(name, ParameterSpec.Type.DURATION);
    }

    @SuppressWarnings("unchecked")
    public List<Integer> getIntList(String name) {
        return (List<Integer>) get(name, ParameterSpec.Type.INT_LIST);
    }

    @SuppressWarnings("unchecked")
    public List<String> getStringList(String name) {
        return (List<String>) get(name, ParameterSpec.Type.STRING_LIST);
    }

    private Object get(String name, ParameterSpec.Type type) {
        ParameterSpec spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("parameter '" + name + "' was not declared by the plugin; declared: "
                    + String.join(", ", specs.keySet()));
        }
        if (spec.type() != type) {
            throw new IllegalArgumentException("parameter '" + name + "' is declared as " + spec.type()
                    + ", not " + type);
        }
        return parse(name, type, values.get(name));
    }

    /**
     * Parses a text value.
     *
     * @throws IllegalArgumentException quoting the value and the expected form
     */
    static Object parse(String name, ParameterSpec.Type type, String text) {
        Objects.requireNonNull(text, "value of parameter " + name);
        String value = text.trim();
        try {
            return switch (type) {
                case STRING -> value;
                case INT -> (int) whole(name, text, value, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
                case LONG -> whole(name, text, value, Long.MIN_VALUE, Long.MAX_VALUE, "long");
                case DOUBLE -> Double.parseDouble(value);
                case BOOLEAN -> parseBoolean(value);
                case DURATION -> parseDuration(value);
                case INT_LIST -> {
                    List<Integer> list = new ArrayList<>();
                    for (String item : splitList(value)) {
                        list.add((int) whole(name, text, item, Integer.MIN_VALUE, Integer.MAX_VALUE, "int"));
                    }
                    yield List.copyOf(list);
                }
                case STRING_LIST -> List.copyOf(splitList(value));
            };
        } catch (OutOfRange e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("parameter '" + name + "' has value '" + text + "', which is not "
                    + describe(type), e);
        }
    }

    private static final Pattern DIGITS = Pattern.compile("[+-]?\\d+");

    /**
     * A whole number within [min, max]; a number of digits outside it is {@link OutOfRange}, so that the message
     * gives the range instead of calling {@code 99999999999999} "not a whole number".
     */
    private static long whole(String name, String text, String item, long min, long max, String javaType) {
        if (DIGITS.matcher(item).matches()) {
            java.math.BigInteger value = new java.math.BigInteger(item);
            if (value.compareTo(java.math.BigInteger.valueOf(min)) < 0
                    || value.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
                throw new OutOfRange("parameter '" + name + "' has value '" + text + "', "
                        + (item.equals(text.trim()) ? "which" : "whose item " + item) + " is out of range for a whole"
                        + " number (" + javaType + "): write one from " + min + " to " + max);
            }
        }
        return Long.parseLong(item);
    }

    /** A whole number too large or too small for its type. */
    private static final class OutOfRange extends RuntimeException {
        OutOfRange(String message) {
            super(message, null, false, false);
        }
    }

    private static List<String> splitList(String value) {
        List<String> items = new ArrayList<>();
        String body = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        for (String item : body.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    private static boolean parseBoolean(String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(value);
    }

    /** Parses {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or an ISO-8601 duration such as {@code PT30S}. */
    public static Duration parseDuration(String value) {
        String text = value.trim();
        if (text.startsWith("P") || text.startsWith("p")) {
            return Duration.parse(text);
        }
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a duration such as 500ms, 30s, 2m or PT30S");
        }
        double amount = Double.parseDouble(matcher.group(1));
        double nanosPerUnit = switch (matcher.group(2)) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
        return Duration.ofNanos(Math.round(amount * nanosPerUnit));
    }

    private static String describe(ParameterSpec.Type type) {
        return switch (type) {
            case STRING -> "text";
            case INT -> "a whole number (int)";
            case LONG -> "a whole number (long)";
            case DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case DURATION -> "a duration such as 500ms, 30s, 2m or PT30S";
            case INT_LIST -> "a list of whole numbers such as [256, 512, 1024]";
            case STRING_LIST -> "a list such as [a, b]";
        };
    }

    @Override
    public String toString() {
        return "Parameters" + values;
    }
}
