package io.icebench.icecube.storage;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where a dataset is: a local folder (a plain path or a {@code file:} URI, read through memory mappings) or a
 * folder on a Hadoop file system ({@code hdfs://}, {@code s3a://}, read through {@code FileSystem}).
 */
public final class Locations {

    private Locations() {
    }

    /**
     * What the user typed after {@code --dataset} or {@code --out}, as a URI: {@code scheme://...} and
     * {@code file:...} as written, anything else (a relative or absolute path, a Windows path) as a local path.
     */
    public static URI parse(String text) {
        if (text.matches("^[A-Za-z][A-Za-z0-9+.-]+://.*") || text.startsWith("file:")) {
            return URI.create(text);
        }
        return Path.of(text).toUri();
    }

    /** Whether {@code location} is local: no scheme (a plain path), a drive letter, or {@code file:}. */
    public static boolean isLocal(URI location) {
        String scheme = location.getScheme();
        return scheme == null || scheme.length() == 1 || scheme.equalsIgnoreCase("file");
    }

    /**
     * {@code location} as a path of {@code fs}, fully qualified. A URI without an authority
     * ({@code hdfs:///data}) means the file system {@code fs.defaultFS} names; Hadoop's {@code Path} would keep it
     * unqualified, and a cached {@code FileSystem} configured without that default then refuses it as a wrong one.
     */
    public static org.apache.hadoop.fs.Path hadoopPath(org.apache.hadoop.fs.FileSystem fs, URI location) {
        if (location.getAuthority() == null) {
            return new org.apache.hadoop.fs.Path(location.getPath()).makeQualified(fs.getUri(),
                    fs.getWorkingDirectory());
        }
        return fs.makeQualified(new org.apache.hadoop.fs.Path(location));
    }

    /** The local path of a location {@link #isLocal} accepts. */
    public static Path localPath(URI location) {
        if (!isLocal(location)) {
            throw new IllegalArgumentException("'" + location + "' is not a local path");
        }
        if (location.getScheme() == null) {
            return Path.of(location.getPath());
        }
        if (location.getScheme().length() == 1) {
            return Path.of(location.toString());
        }
        return location.isOpaque() ? Path.of(location.getSchemeSpecificPart()) : Path.of(location);
    }
}
