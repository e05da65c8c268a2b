package io.icebench.spi;

/** What a plugin is for; decides when the runner runs it and whether it can fail a build. */
public enum PluginKind {
    /** Short, asserts thresholds, decides CI's verdict. Run by {@code --mode=regression}. */
    REGRESSION_GATE("regression-gate"),
    /** As long as it needs, writes tables and series; never fails a build. Run by {@code --mode=explore}. */
    EXPLORATORY("exploratory");

    private final String label;

    PluginKind(String label) {
        this.label = label;
    }

    /** The stable name used in configuration, reports and on the console. */
    public String label() {
        return label;
    }
}
