package io.icebench.runner.progress;

import java.util.Locale;

/**
 * How long work shows its progress; chosen once per process by {@link Progresses} from the system property
 * {@value Progresses#PROPERTY} or the environment variable {@value Progresses#ENVIRONMENT}.
 */
public enum ProgressMode {
    /** A bar on a terminal, log lines otherwise (the default). */
    AUTO,
    /** A progress bar with an ETA on stderr, even when stderr is not known to be a terminal. */
    BAR,
    /** Plain log lines at most every few seconds, and a final line. */
    LOG,
    /** Nothing. */
    OFF,
    /** Lines for the parent process to show: what a plugin measured in a JVM of its own uses ({@link ForkProgress}). */
    RELAY;

    /**
     * Parses {@code auto|bar|log|off} (any case; blank means auto).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static ProgressMode parse(String text) {
        if (text == null || text.isBlank()) {
            return AUTO;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "bar" -> BAR;
            case "log" -> LOG;
            case "off", "none", "false" -> OFF;
            case "relay" -> RELAY;
            default -> throw new IllegalArgumentException("progress mode '" + text
                    + "' is not one of auto, bar, log, off");
        };
    }
}
