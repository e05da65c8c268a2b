package io.icebench.icecube.generate;

import io.icebench.icecube.Geometry;
import io.icebench.icecube.Layout;
import io.icebench.icecube.storage.Locations;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * {@link DatasetGenerator}'s output on a Hadoop file system ({@code hdfs://}, {@code s3a://}): the parquet files
 * through parquet-hadoop's {@link HadoopOutputFile} with the file system's own block size, and
 * {@link #generateInto} through a hidden {@code .partial-} folder renamed into place.
 */
final class HadoopGeneration {

    private HadoopGeneration() {
    }

    /** See {@link DatasetGenerator#generate(GeneratorSettings, URI, Configuration, LongConsumer)}. */
    static GenerationSummary generate(GeneratorSettings settings, URI outDir, Configuration conf,
                                      LongConsumer eventsDone) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(eventsDone, "eventsDone (pass n -> { } to ignore progress)");
        org.apache.hadoop.fs.Path root;
        FileSystem fs;
        try {
            fs = FileSystem.get(outDir, conf);
            root = Locations.hadoopPath(fs, outDir);
            if (fs.exists(root)) {
                if (!fs.getFileStatus(root).isDirectory()) {
                    throw new IllegalArgumentException("outDir '" + outDir + "' is a file; generate into a folder");
                }
                if (fs.listStatus(root).length > 0) {
                    throw new IllegalArgumentException("outDir '" + outDir + "' must be empty; generate into a "
                            + "fresh folder");
                }
            }
            fs.mkdirs(new org.apache.hadoop.fs.Path(root, settings.split().folder()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dataset into '" + outDir + "': " + firstLine(e), e);
        }
        DatasetGenerator.Out out = new DatasetGenerator.Out() {
            @Override
            public OutputFile file(String relative) throws IOException {
                return new FileSystemBlocks(HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(root, relative),
                        conf));
            }

            @Override
            public void geometry() throws IOException {
                try (OutputStream stream = fs.create(new org.apache.hadoop.fs.Path(root, Layout.GEOMETRY_FILE),
                        true)) {
                    Geometry.writeEmbedded(stream);
                }
            }

            @Override
            public String toString() {
                return outDir.toString();
            }
        };
        return DatasetGenerator.generate(settings, out, eventsDone);
    }

    /** See {@link DatasetGenerator#generateInto}. */
    static GenerationSummary generateInto(GeneratorSettings settings, URI target, Configuration conf,
                                          LongConsumer eventsDone) {
        Objects.requireNonNull(target, "target");
        if (Locations.isLocal(target)) {
            throw new IllegalArgumentException("'" + target + "' is local; generate into a fresh folder and move it");
        }
        FileSystem fs;
        org.apache.hadoop.fs.Path destination;
        org.apache.hadoop.fs.Path partial;
        try {
            fs = FileSystem.get(target, conf);
            destination = Locations.hadoopPath(fs, target);
            org.apache.hadoop.fs.Path parent = destination.getParent();
            if (parent == null) {
                throw new IllegalArgumentException("'" + target + "' is a file system's root; name a folder in it");
            }
            partial = new org.apache.hadoop.fs.Path(parent, "." + destination.getName() + ".partial-"
                    + java.util.UUID.randomUUID());
            if (fs.exists(destination) && (!fs.getFileStatus(destination).isDirectory()
                    || fs.listStatus(destination).length > 0)) {
                throw new IllegalArgumentException("'" + target + "' exists and is not an empty folder; generate "
                        + "into a new or empty folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dataset into '" + target + "': " + firstLine(e), e);
        }
        boolean done = false;
        try {
            GenerationSummary summary = generate(settings, partial.toUri(), conf, eventsDone);
            if (fs.exists(destination)) {
                fs.delete(destination, false);
            }
            if (!fs.rename(partial, destination)) {
                throw new IOException("the rename of '" + partial + "' into place failed");
            }
            done = true;
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dataset into '" + target + "': " + firstLine(e), e);
        } catch (UncheckedIOException e) {
            IOException cause = e.getCause();
            throw new UncheckedIOException("cannot write the dataset into '" + target + "': "
                    + firstLine(cause), cause);
        } finally {
            if (!done) {
                try {
                    fs.delete(partial, true);
                } catch (IOException ignored) {
                    // The file system is failing already: the first failure is the one to report.
                }
            }
        }
    }

    static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * A Hadoop output file with the file system's own block size ({@code dfs.blocksize}). Unwrapped, parquet asks
     * for blocks as large as a row group, which the generator leaves unbounded (rows, not bytes, end its row
     * groups), and HDFS refuses a block of {@code Long.MAX_VALUE} bytes.
     */
    private record FileSystemBlocks(OutputFile file) implements OutputFile {
        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            return file.create(0);
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            return file.createOrOverwrite(0);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return file.getPath();
        }
    }
}
