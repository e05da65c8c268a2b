package io.icebench.runner.config;

import java.util.Locale;

/**
 * Where a plugin runs ({@code icebench.isolation}).
 *
 * <p>{@link #FORK}, the default: every plugin, built in or dropped in, runs in a JVM of its own, as JUnit Platform
 * keeps a failing engine from the others and JMH forks every benchmark. Whatever the plugin does there (calls
 * {@code System.exit}, crashes the JVM, runs out of memory, ignores its timeout) ends that JVM and becomes the
 * plugin's failed result; the runner, the other plugins and the reports carry on. {@link #NONE} runs plugins on a
 * thread of the runner's JVM, which is quicker to start and easier to debug, and protects nothing: for tests and
 * debugging only.
 */
public enum Isolation {
    /** A JVM of its own per plugin run (the default). */
    FORK,
    /** A thread of the runner's JVM. */
    NONE;

    /** {@code fork} or {@code none}, any case; anything else is refused with what to write instead. */
    public static Isolation parse(String text, String where) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "fork" -> FORK;
            case "none" -> NONE;
            default -> throw new io.icebench.runner.UsageException("configuration " + where
                    + ": 'icebench.isolation' is '" + text + "'; write 'fork' (every plugin in a JVM of its own,"
                    + " the default) or 'none' (plugins on a thread of the runner's JVM, for debugging)");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
