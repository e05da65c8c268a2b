package io.icebench.runner.progress;

import io.icebench.spi.Progress;
import org.jboss.logging.Logger;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The runner's progress reporting for long work (data generation, exploratory plugins, calibration). One call
 * starts one task:
 *
 * <pre>{@code
 * try (Progress progress = Progresses.start("calibrate: detection runs", runs)) {
 *     for (...) {
 *         ...
 *         progress.step();
 *     }
 * }
 * }</pre>
 *
 * <p>How progress shows is chosen once per process ({@link #mode()}):
 * <ul>
 *   <li>{@code bar}: a progress bar with rate and ETA, redrawn in place on stderr (stdout keeps the command's
 *       output);</li>
 *   <li>{@code log}: a plain log line (done/total, percent, rate, ETA) at most every {@value #LOG_INTERVAL_SECONDS}
 *       seconds, and a final line when the task closes;</li>
 *   <li>{@code off}: nothing ({@link Progress#NONE}).</li>
 * </ul>
 * The system property {@value #PROPERTY} or else the environment variable {@value #ENVIRONMENT} sets it to
 * {@code auto} (the default), {@code bar}, {@code log} or {@code off}. {@code auto} draws a bar only on an
 * interactive terminal ({@link System#console()} present, that is stdin and stdout are a terminal), outside CI
 * (the variable {@code CI} unset) and with a {@code TERM} other than {@code dumb}; log lines otherwise.
 *
 * <p>Handles are thread-safe: a plugin may step from its worker threads. Tasks may follow one another; two bars at
 * once would overwrite each other's line, so run long tasks one after the other.
 */
public final class Progresses {

    /** The system property that chooses the mode. */
    public static final String PROPERTY = "icebench-progress";
    /** The environment variable that chooses the mode when the property is not set. */
    public static final String ENVIRONMENT = "ICEBENCH_PROGRESS";
    /** The mode a parent gives the plugin JVMs it starts: progress lines for the parent to show ({@link ForkProgress}). */
    public static final String RELAY = "relay";
    /** Least seconds between two log lines of one task. */
    public static final long LOG_INTERVAL_SECONDS = 10;

    private static final Logger LOG = Logger.getLogger(Progresses.class);

    /** What a mode resolves to on this process. */
    enum Display {
        BAR, LOG, OFF, RELAY
    }

    private Progresses() {
    }

    /** Once per process, on first use (holder idiom: no locking, native-image friendly). */
    private static final class Chosen {
        static final Display DISPLAY = choose(System.getProperty(PROPERTY), System.getenv(),
                System.console() != null);
    }

    /**
     * Starts showing a long task of {@code total} units ({@code total <= 0}: unknown) named {@code task}; close the
     * handle when the task ends.
     */
    public static Progress start(String task, long total) {
        return start(Chosen.DISPLAY, task, total, System.err);
    }

    /** What this process shows: {@code bar}, {@code log} or {@code off}. */
    public static String mode() {
        return Chosen.DISPLAY.name().toLowerCase(java.util.Locale.ROOT);
    }

    static Progress start(Display display, String task, long total, PrintStream terminal) {
        return switch (display) {
            case BAR -> new BarProgress(task, total, terminal);
            case LOG -> new LogProgress(task, total, TimeUnit.SECONDS.toNanos(LOG_INTERVAL_SECONDS),
                    System::nanoTime, LOG::info);
            case OFF -> Progress.NONE;
            case RELAY -> ForkProgress.relay(task, total, terminal);
        };
    }

    /**
     * The choice, from the property's value (may be null), the environment and whether a terminal is attached. An
     * unknown mode is reported once as a warning and treated as {@code auto}: a typo must not stop a long run.
     */
    static Display choose(String property, Map<String, String> environment, boolean console) {
        String text = property != null ? property : environment.get(ENVIRONMENT);
        ProgressMode mode;
        try {
            mode = ProgressMode.parse(text);
        } catch (IllegalArgumentException e) {
            LOG.warnf("%s; showing progress as for auto (set -D%s or %s to auto, bar, log or off)",
                    e.getMessage(), PROPERTY, ENVIRONMENT);
            mode = ProgressMode.AUTO;
        }
        return switch (mode) {
            case BAR -> Display.BAR;
            case LOG -> Display.LOG;
            case OFF -> Display.OFF;
            case RELAY -> Display.RELAY;
            case AUTO -> interactive(environment, console) ? Display.BAR : Display.LOG;
        };
    }

    private static boolean interactive(Map<String, String> environment, boolean console) {
        String ci = environment.get("CI");
        boolean inCi = ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
        String term = environment.get("TERM");
        boolean dumb = term != null && term.equalsIgnoreCase("dumb");
        return console && !inCi && !dumb;
    }
}
