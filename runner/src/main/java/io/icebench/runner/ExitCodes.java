package io.icebench.runner;

/**
 * The runner's exit codes: CI reads the verdict from them. When several apply, the highest of 1 and 3 wins
 * ({@link #PLUGIN_FAILED} over {@link #GATE_FAILED}); {@link #USAGE} and {@link #NOT_COMPARABLE} mean nothing ran.
 * README.md documents them.
 */
public final class ExitCodes {

    /** Every gate passed (or, in explore mode, every plugin ran). */
    public static final int OK = 0;
    /** A threshold failed or a relative threshold found a regression. Never returned in explore mode. */
    public static final int GATE_FAILED = 1;
    /** Bad command line, bad configuration, unknown plugin, a {@code --baseline} that does not exist: nothing ran. */
    public static final int USAGE = 2;
    /** A plugin could not run to the end (threw, timed out, ran out of memory) or a threshold could not be judged. */
    public static final int PLUGIN_FAILED = 3;
    /**
     * A regression run whose thresholds all passed except some with {@code inconclusive: report} that are still
     * INCONCLUSIVE after their re-runs ({@code icebench.inconclusive-reruns}): undecided, reported apart from a
     * failure. ({@code inconclusive: fail} counts as {@link #GATE_FAILED}, {@code warn} as passed.)
     */
    public static final int INCONCLUSIVE = 4;
    /** The baseline's machine fingerprint differs in hard keys ({@code fingerprint-mismatch: refuse}): nothing ran. */
    public static final int NOT_COMPARABLE = 5;
    /** icebench itself failed, such as a results folder that cannot be written mid-run. */
    public static final int INTERNAL_ERROR = 6;
    /**
     * Nothing failed, but an absolute threshold on a wall-clock figure was outside its limit while the machine was
     * demonstrably busy (see {@code Interference}): UNRELIABLE, not a regression. Rerun on a quiet machine, or judge
     * the change with {@code --against}.
     */
    public static final int UNRELIABLE = 7;

    private ExitCodes() {
    }
}
