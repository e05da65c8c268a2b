package io.icebench.spi.report;

/** How a plugin's run ended, before any threshold is looked at. */
public enum RunStatus {
    /** Ran to the end and returned measurements. */
    COMPLETED,
    /** Threw, returned nothing usable, or could not be configured. */
    ERROR,
    /** Did not finish within its timeout. */
    TIMEOUT,
    /** Ran out of memory. */
    OUT_OF_MEMORY;

    public boolean failed() {
        return this != COMPLETED;
    }
}
