package io.icebench.runner.launch;

/** What a run is for. */
public enum Mode {
    /** Every enabled regression gate (or the ones named with --plugin); the exit code is CI's verdict. */
    REGRESSION("regression"),
    /** The plugins named with --plugin, any kind; never fails on a threshold. */
    EXPLORE("explore");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
