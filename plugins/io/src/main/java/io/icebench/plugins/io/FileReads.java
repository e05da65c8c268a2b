package io.icebench.plugins.io;

/**
 * What the reads found for one file, shared by the experiments that compare with them (DuckDB beside our reader);
 * cold arrays are null when cold reads were not asked for.
 */
final class FileReads {
    final BatchFile file;
    double[] warm;
    double[] rawWarm;
    double[] cold;
    double[] rawCold;
    String coldFailure = "";
    long maxResident;
    double[] duckdb;

    FileReads(BatchFile file) {
        this.file = file;
    }

    boolean coldVerified() {
        return cold != null && coldFailure.isEmpty();
    }

    /** The row label of the evicted reads: cold only when every eviction before them was confirmed. */
    String coldCondition() {
        if (coldVerified()) {
            return "cold (verified: at most " + maxResident + " bytes resident)";
        }
        return "warm (eviction failed: " + coldFailure + ")";
    }

    /** Keeps the first failure, or the most bytes a confirmed eviction left resident. */
    void note(Evictor.Eviction eviction) {
        if (eviction.verified()) {
            maxResident = Math.max(maxResident, eviction.residentBytes());
        } else if (coldFailure.isEmpty()) {
            coldFailure = eviction.reason();
        }
    }
}
