package io.icebench.icecube;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kaggle "IceCube - Neutrinos in Deep Ice" layout of a dataset folder:
 * <pre>
 *   train/batch_1.parquet ... train/batch_660.parquet
 *   train_meta.parquet
 *   sensor_geometry.csv
 * </pre>
 * and the same with {@code test} for the test split.
 */
public final class Layout {

    public static final String GEOMETRY_FILE = "sensor_geometry.csv";

    /** Meta file columns. {@code last_pulse_index} is inclusive; pulse indices restart at 0 in every batch. */
    public static final String META_BATCH_ID = "batch_id";
    public static final String META_EVENT_ID = "event_id";
    public static final String META_FIRST_PULSE = "first_pulse_index";
    public static final String META_LAST_PULSE = "last_pulse_index";
    public static final String META_AZIMUTH = "azimuth";
    public static final String META_ZENITH = "zenith";

    private static final Pattern BATCH_FILE = Pattern.compile("batch_(\\d+)\\.parquet");

    private Layout() {
    }

    public static Path batchFile(Path dataset, Split split, int batchId) {
        return dataset.resolve(split.folder()).resolve(batchFileName(batchId));
    }

    public static String batchFileName(int batchId) {
        return "batch_" + batchId + ".parquet";
    }

    public static Path metaFile(Path dataset, Split split) {
        return dataset.resolve(split.metaFileName());
    }

    /** The batch id of a file named {@code batch_N.parquet}, or -1 for any other name. */
    public static int batchIdOf(Path file) {
        return batchIdOf(file.getFileName().toString());
    }

    /** The batch id of the file name {@code batch_N.parquet}, or -1 for any other name. */
    public static int batchIdOf(String fileName) {
        Matcher matcher = BATCH_FILE.matcher(fileName);
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }
}
