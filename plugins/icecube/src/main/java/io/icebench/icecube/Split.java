package io.icebench.icecube;

/** Train data has angles in its meta file; test data does not. */
public enum Split {
    TRAIN("train"),
    TEST("test");

    private final String folder;

    Split(String folder) {
        this.folder = folder;
    }

    /** The folder holding the batch files: {@code train} or {@code test}. */
    public String folder() {
        return folder;
    }

    /** The meta file beside the folder: {@code train_meta.parquet} or {@code test_meta.parquet}. */
    public String metaFileName() {
        return folder + "_meta.parquet";
    }

    public boolean hasAngles() {
        return this == TRAIN;
    }
}
