package io.icebench.runner.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import io.icebench.icecube.DefaultDataset;
import io.icebench.icecube.storage.Locations;
import java.util.regex.Pattern;

/**
 * A dataset on a Hadoop file system ({@code --dataset hdfs://...}, {@code s3a://...}) and the Hadoop settings of the
 * run ({@code icebench.hadoop.*}, which reach the data library as {@code -Dicebench.hadoop.<key>} in every plugin JVM).
 *
 * <p>Credentials never come from the configuration: a setting whose key names a secret (an access or secret key, a
 * password, a token, a credential) is refused, so that no configuration file, report or log holds one. They come from
 * the environment or Hadoop's credential providers ({@code hadoop.security.credential.provider.path}), as Hadoop
 * documents. URIs are shown without their user information.
 *
 * @param location the dataset's URI when it is not a local folder
 * @param hadoop   Hadoop settings by key, without the {@code icebench.hadoop.} prefix
 */
public record RemoteData(Optional<URI> location, Map<String, String> hadoop) {

    /** No remote dataset, no settings. */
    public static final RemoteData NONE = new RemoteData(Optional.empty(), Map.of());

    /** The system property prefix through which the data library reads the settings. */
    public static final String PROPERTY_PREFIX = "icebench.hadoop.";

    private static final Pattern SECRET = Pattern.compile(".*(secret|password|passwd|token|credential|access\\.key"
            + "|session\\.key|account\\.key|\\.key$).*");

    public RemoteData {
        hadoop = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hadoop));
    }

    /** Whether {@code text} names a dataset on a Hadoop file system: the data library's rule ({@link Locations}). */
    public static boolean isRemote(String text) {
        return !Locations.isLocal(Locations.parse(text.strip()));
    }

    /** A local dataset as typed ({@code file:} URI or path), resolved against {@code base} when relative. */
    public static java.nio.file.Path localFolder(String text, java.nio.file.Path base) {
        String typed = text.strip();
        return typed.startsWith("file:") ? Locations.localPath(Locations.parse(typed)) : base.resolve(typed);
    }

    /**
     * The dataset URI of {@code text}, checked: a scheme and, for hdfs, a host.
     *
     * @throws io.icebench.runner.UsageException naming {@code where} when it is not a URI
     */
    public static URI parse(String text, String where) {
        try {
            URI uri = new URI(text.strip());
            if (uri.getScheme() == null || uri.getPath() == null || uri.getPath().isEmpty()) {
                throw new java.net.URISyntaxException(text, "no path");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new io.icebench.runner.UsageException(where + ": '" + shown(text) + "' is not a dataset URI ("
                    + e.getReason() + "); write hdfs://namenode:8020/path/to/dataset, s3a://bucket/path, or a local"
                    + " folder");
        }
    }

    /**
     * The settings, checked: a key that names a secret is refused.
     *
     * @throws io.icebench.runner.UsageException for a credential in the configuration
     */
    public static Map<String, String> settings(Map<String, String> raw, String where) {
        for (String key : raw.keySet()) {
            if (SECRET.matcher(key.toLowerCase(Locale.ROOT)).matches()) {
                throw new io.icebench.runner.UsageException("configuration " + where + ": '" + PROPERTY_PREFIX + key
                        + "' is a credential, and credentials never go into the configuration; set it in the"
                        + " environment (such as AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for s3a) or in a Hadoop"
                        + " credential provider (hadoop.security.credential.provider.path)");
            }
        }
        return raw;
    }

    /** A URI as reports and logs show it: without user information ({@link DefaultDataset#shown}). */
    public static String shown(String uri) {
        try {
            return DefaultDataset.shown(URI.create(uri));
        } catch (IllegalArgumentException e) {
            return uri.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1***@");
        }
    }

    /** The settings as JVM options for a plugin's JVM. */
    public java.util.List<String> jvmOptions() {
        return hadoop.entrySet().stream().map(e -> "-D" + PROPERTY_PREFIX + e.getKey() + "=" + e.getValue()).toList();
    }
}
