package io.icebench.runner;

/**
 * The runner's exit codes: CI reads the verdict from them. When several apply, the highest wins except that
 * {@link #USAGE} means nothing ran at all. README.md documents them.
 */
public final class ExitCodes {

    /** Every gate passed (or, in explore mode, every plugin ran). */
    public static final int OK = 0;
    /** A threshold failed: a measured regression. Never returned in explore mode. */
    public static final int GATE_FAILED = 1;
    /** Bad command line, bad configuration, unknown plugin: nothing was run. */
    public static final int USAGE = 2;
    /** A plugin could not run to the end (threw, timed out, ran out of memory) or a threshold could not be judged. */
    public static final int PLUGIN_FAILED = 3;
    /** icebench itself failed, such as a results folder that cannot be written mid-run. */
    public static final int INTERNAL_ERROR = 4;

    private ExitCodes() {
    }
}
