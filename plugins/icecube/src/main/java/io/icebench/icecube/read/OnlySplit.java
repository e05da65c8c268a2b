package io.icebench.icecube.read;

import io.icebench.icecube.IcecubeDataException;
import io.icebench.icecube.Split;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one split a dataset folder holds, for a {@code Dataset.open} that names none: the same rule and the same
 * messages for a local folder ({@link LocalLayout}) and one on a Hadoop file system ({@link HadoopLayout}).
 */
final class OnlySplit {

    private OnlySplit() {
    }

    /**
     * The split whose folder is there; throws when there is none (not a dataset folder) or both (the caller must
     * choose).
     *
     * @param present  whether a split's folder is in the dataset folder
     * @param error    the error for the dataset folder, with the problem given
     * @param argument how the caller names the folder in {@code Dataset.open(argument, Split.TRAIN)}
     */
    static Split of(Predicate<Split> present, Function<String, IcecubeDataException> error, String argument) {
        List<Split> found = new ArrayList<>();
        for (Split candidate : Split.values()) {
            if (present.test(candidate)) {
                found.add(candidate);
            }
        }
        if (found.isEmpty()) {
            throw error.apply("not a dataset folder: it has neither a train/ nor a test/ "
                    + "folder of batch_N.parquet files; point at the folder that holds them");
        }
        if (found.size() > 1) {
            throw error.apply("the folder holds both train/ and test/; open it with "
                    + "Dataset.open(" + argument + ", Split.TRAIN) or Dataset.open(" + argument + ", Split.TEST)");
        }
        return found.get(0);
    }
}
