package io.icebench.icecube.read;

import io.icebench.icecube.Geometry;
import io.icebench.icecube.IcecubeDataException;
import io.icebench.icecube.Layout;
import io.icebench.icecube.Split;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The Kaggle layout in a local folder: its shape checked (not the batch files' contents, read on demand), each file
 * a memory-mapped {@link DataFile}, and a folder this user may not enter told as permission denied, not as missing.
 */
final class LocalLayout {

    private LocalLayout() {
    }

    /** Opens a folder holding exactly one split ({@code train/} or {@code test/}). */
    public static Dataset open(Path directory) {
        requireDirectory(directory);
        Split split = OnlySplit.of(candidate -> Files.isDirectory(directory.resolve(candidate.folder())),
                problem -> new IcecubeDataException(directory, problem), "dir");
        return open(directory, split);
    }

    public static Dataset open(Path directory, Split split) {
        requireDirectory(directory);
        Path folder = directory.resolve(split.folder());
        if (Files.isDirectory(folder) && (!Files.isReadable(folder) || !Files.isExecutable(folder))) {
            throw IcecubeDataException.permissionDenied(folder, split.folder() + "/ folder of batch files",
                    IcecubeDataException.OWN_COPY);
        }
        if (!Files.isDirectory(folder)) {
            throw new IcecubeDataException(folder, "the " + split.folder() + "/ folder of batch files is missing;"
                    + " a dataset folder holds " + split.folder() + "/batch_N.parquet files");
        }
        TreeMap<Integer, DataFile> batches = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(file -> {
                int id = Layout.batchIdOf(file);
                if (id >= 0 && Files.isRegularFile(file)) {
                    batches.put(id, DataFile.local(file));
                }
            });
        } catch (IOException e) {
            throw new IcecubeDataException(folder, "cannot list the batch files: " + e.getMessage(), e);
        }
        if (batches.isEmpty()) {
            throw new IcecubeDataException(folder, "no batch files: the folder holds no batch_N.parquet; write "
                    + "or copy the batches there");
        }
        Path metaFile = Layout.metaFile(directory, split);
        if (!Files.isRegularFile(metaFile)) {
            throw new IcecubeDataException(metaFile, "meta file is missing; a " + split.folder() + " dataset "
                    + "needs " + split.metaFileName() + " beside the " + split.folder() + "/ folder");
        }
        Path geometryFile = directory.resolve(Layout.GEOMETRY_FILE);
        if (!Files.isRegularFile(geometryFile)) {
            throw new IcecubeDataException(geometryFile, "geometry file is missing; every dataset folder needs "
                    + Layout.GEOMETRY_FILE + " (the real one can be written with Geometry.writeEmbedded)");
        }
        return new Dataset(directory, directory.toUri(), split, batches, DataFile.local(metaFile),
                Geometry.read(geometryFile), null);
    }

    private static void requireDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            if (Files.notExists(directory)) {
                throw new IcecubeDataException(directory, "dataset folder does not exist or is not a folder; "
                        + "check the path");
            }
            // Neither there nor not there: a folder on the way cannot be entered.
            throw IcecubeDataException.permissionDenied(directory, "dataset folder", IcecubeDataException.OWN_COPY);
        }
        // Otherwise every file in it would look missing, and the folder "not a dataset folder".
        if (!Files.isReadable(directory) || !Files.isExecutable(directory)) {
            throw IcecubeDataException.permissionDenied(directory, "dataset folder", IcecubeDataException.OWN_COPY);
        }
    }
}
