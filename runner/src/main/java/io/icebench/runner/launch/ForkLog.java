package io.icebench.runner.launch;

import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A fork's log on this runner's console when this runner logs at DEBUG ({@code -v} or {@code LOGLEVEL=DEBUG}).
 *
 * <p>A plugin runs in a JVM of its own ({@link Fork}), whose log would otherwise stay at the default level and end
 * up only in {@code fork.log}, and only when the plugin fails. At DEBUG the child is started with the same
 * {@code LOGLEVEL} that application.properties reads for icebench's loggers, and every line of its stderr (its log,
 * and what the plugin prints there) is logged here at DEBUG, prefixed with the plugin it came from:
 * <pre>
 * 18:57:25 DEBUG [i.i.r.l.ForkLog] [cpu-calibration] DEBUG [i.i.r.l.Measuring] 'cpu-calibration': runs in ...
 * </pre>
 * The child's own time stamp is dropped: this line's is the same second, give or take the relay. The child's
 * stdout (its results table, which the runner does not read) stays out of the console, and so do the progress
 * lines, which {@link io.icebench.runner.progress.ForkProgress} takes first. Relaying costs the child nothing: it
 * writes its log as it always does, and this runner reads it on a thread of its own.
 */
final class ForkLog {

    /** The environment variable application.properties reads as the level of icebench's loggers. */
    static final String LEVEL_ENVIRONMENT = "LOGLEVEL";

    private static final Logger LOG = Logger.getLogger(ForkLog.class);
    private static final Pattern TIME_STAMP = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d ");

    private ForkLog() {
    }

    /**
     * The child's log level when this runner logs at DEBUG or finer: that level, whether {@code -v} or
     * {@code LOGLEVEL} asked for it. Empty otherwise, and the child logs as it always does.
     */
    static Map<String, String> environment() {
        if (LOG.isTraceEnabled()) {
            return Map.of(LEVEL_ENVIRONMENT, "TRACE");
        }
        return LOG.isDebugEnabled() ? Map.of(LEVEL_ENVIRONMENT, "DEBUG") : Map.of();
    }

    /**
     * What relays the stderr lines of {@code pluginId}'s child, run by {@code target}, to this runner's log; empty
     * unless this runner logs at DEBUG.
     */
    static Optional<Consumer<String>> relay(String pluginId, Fork.Target target) {
        if (!LOG.isDebugEnabled()) {
            return Optional.empty();
        }
        String source = source(pluginId, target.label());
        return Optional.of(line -> LOG.debug(attributed(source, line)));
    }

    /** {@code cpu-calibration}, or {@code cpu-calibration, HEAD~1 = 68af75b} for the base of a paired run. */
    static String source(String pluginId, String label) {
        return label.equals(Fork.Target.THIS_BUILD) ? pluginId : pluginId + ", " + label;
    }

    /** A child's line as this runner logs it: {@code [source] } and the line without its time stamp. */
    static String attributed(String source, String line) {
        return "[" + source + "] " + TIME_STAMP.matcher(line).replaceFirst("");
    }
}
