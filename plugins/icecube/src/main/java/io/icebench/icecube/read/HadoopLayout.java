package io.icebench.icecube.read;

import io.icebench.icecube.Geometry;
import io.icebench.icecube.IcecubeDataException;
import io.icebench.icecube.Layout;
import io.icebench.icecube.Split;
import io.icebench.icecube.storage.Locations;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kaggle layout found on a Hadoop file system: the folder listed with {@code listStatus}, its shape checked as
 * {@link Dataset#open(java.nio.file.Path)} checks a local one, each batch and meta file a {@link DataFile} read by
 * position, and every failure one line naming the URI ({@link HadoopErrors}).
 */
final class HadoopLayout {

    private HadoopLayout() {
    }

    /**
     * Opens {@code location} through Hadoop's {@link FileSystem} whatever its scheme: how remote datasets are
     * read, and how a test reads a {@code file:} folder through Hadoop's LocalFileSystem to compare with the
     * mapped read.
     */
    static Dataset open(URI location, Split split, Configuration conf) {
        FileSystem fs = fileSystem(location, conf);
        org.apache.hadoop.fs.Path root = Locations.hadoopPath(fs, location);
        URI rootUri = root.toUri();
        Map<String, FileStatus> entries = entries(fs, root, rootUri);
        Split chosen = split != null ? split : onlySplit(entries, rootUri);
        ReadCounters counters = new ReadCounters();
        TreeMap<Integer, DataFile> batches = batches(fs, entries, chosen, rootUri, counters);
        FileStatus meta = entries.get(chosen.metaFileName());
        if (meta == null || !meta.isFile()) {
            throw new IcecubeDataException(child(rootUri, chosen.metaFileName()), "meta file is missing; a "
                    + chosen.folder() + " dataset needs " + chosen.metaFileName() + " beside the " + chosen.folder()
                    + "/ folder");
        }
        Geometry geometry = geometry(fs, entries, rootUri);
        DataFile metaFile = DataFile.remote(fs, meta.getPath(), meta.getLen(), counters);
        return new Dataset(null, rootUri, chosen, batches, metaFile, geometry, counters);
    }

    private static FileSystem fileSystem(URI location, Configuration conf) {
        try {
            return FileSystem.get(location, conf);
        } catch (IOException e) {
            throw HadoopErrors.describe(location, "dataset folder", e);
        }
    }

    /** The entries of the dataset folder {@code root} by name; throws unless it is a folder that can be listed. */
    private static Map<String, FileStatus> entries(FileSystem fs, org.apache.hadoop.fs.Path root, URI rootUri) {
        Map<String, FileStatus> entries = new HashMap<>();
        try {
            if (!fs.getFileStatus(root).isDirectory()) {
                throw new IcecubeDataException(rootUri, "the dataset location is a file, not a folder; point at "
                        + "the folder that holds train/ or test/");
            }
            for (FileStatus entry : fs.listStatus(root)) {
                entries.put(entry.getPath().getName(), entry);
            }
        } catch (IOException e) {
            throw HadoopErrors.describe(rootUri, "dataset folder", e);
        }
        return entries;
    }

    /** The one split whose folder is among {@code entries}; throws when there is none, or both. */
    private static Split onlySplit(Map<String, FileStatus> entries, URI rootUri) {
        return OnlySplit.of(candidate -> {
            FileStatus folder = entries.get(candidate.folder());
            return folder != null && folder.isDirectory();
        }, problem -> new IcecubeDataException(rootUri, problem), "uri");
    }

    /** The split's batch files by id, each read by position and counted in {@code counters}; at least one. */
    private static TreeMap<Integer, DataFile> batches(FileSystem fs, Map<String, FileStatus> entries, Split split,
                                                      URI rootUri, ReadCounters counters) {
        FileStatus folder = entries.get(split.folder());
        URI folderUri = child(rootUri, split.folder());
        if (folder == null || !folder.isDirectory()) {
            throw new IcecubeDataException(folderUri, "the " + split.folder() + "/ folder of batch files is "
                    + "missing; a dataset folder holds " + split.folder() + "/batch_N.parquet files");
        }
        TreeMap<Integer, DataFile> batches = new TreeMap<>();
        try {
            for (FileStatus file : fs.listStatus(folder.getPath())) {
                int id = Layout.batchIdOf(file.getPath().getName());
                if (id >= 0 && file.isFile()) {
                    batches.put(id, DataFile.remote(fs, file.getPath(), file.getLen(), counters));
                }
            }
        } catch (IOException e) {
            throw HadoopErrors.describe(folderUri, split.folder() + "/ folder of batch files", e);
        }
        if (batches.isEmpty()) {
            throw new IcecubeDataException(folderUri, "no batch files: the folder holds no batch_N.parquet; write "
                    + "or copy the batches there");
        }
        return batches;
    }

    /** The folder's geometry file, read whole. */
    private static Geometry geometry(FileSystem fs, Map<String, FileStatus> entries, URI rootUri) {
        FileStatus geometryFile = entries.get(Layout.GEOMETRY_FILE);
        URI geometryUri = child(rootUri, Layout.GEOMETRY_FILE);
        if (geometryFile == null || !geometryFile.isFile()) {
            throw new IcecubeDataException(geometryUri, "geometry file is missing; every dataset folder needs "
                    + Layout.GEOMETRY_FILE + " (the real one can be written with Geometry.writeEmbedded)");
        }
        byte[] geometryBytes;
        try (InputStream in = fs.open(geometryFile.getPath())) {
            // Read whole first (5,160 rows), so a file system failure is told as one, not as unreadable geometry.
            geometryBytes = in.readAllBytes();
        } catch (IOException e) {
            throw HadoopErrors.describe(geometryUri, "geometry file", e);
        }
        return Geometry.read(new java.io.ByteArrayInputStream(geometryBytes), geometryUri);
    }

    static URI child(URI folder, String name) {
        String text = folder.toString();
        return URI.create(text.endsWith("/") ? text + name : text + "/" + name);
    }
}
