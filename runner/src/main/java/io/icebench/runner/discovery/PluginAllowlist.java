package io.icebench.runner.discovery;

import io.icebench.runner.UsageException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sha256 digests of the plugin jars that may load ({@code icebench.plugin-allowlist}).
 *
 * <p>A jar in the plugin folder is code the runner runs with the user's rights as soon as discovery creates its
 * providers, even for {@code runner list}. When the allowlist is set, {@link PluginDiscovery} hashes every jar
 * before it creates any class loader and loads only the jars whose digest is listed: it pins bytes. It is not a
 * sandbox: a listed jar can still do anything the user can.
 *
 * <p>An entry is the 64 hex digits of a jar's sha256, optionally followed by white space and a name, so that the
 * lines {@code sha256sum plugins/*.jar} prints can be pasted as they are. The name is a comment: the bytes are what
 * is trusted, whatever the file is called.
 */
public final class PluginAllowlist {

    /** No allowlist: every jar in the plugin folder loads, as without the key. */
    public static final PluginAllowlist NONE = new PluginAllowlist(Optional.empty());

    /** The configuration key. */
    public static final String KEY = "icebench.plugin-allowlist";

    /** A digest, then optionally the name {@code sha256sum} prints ({@code *} marks binary mode, {@code \} escapes). */
    private static final Pattern ENTRY = Pattern.compile("\\\\?([0-9a-fA-F]{64})(?:\\s+\\*?\\S.*)?");

    private final Optional<Set<String>> digests;

    private PluginAllowlist(Optional<Set<String>> digests) {
        this.digests = digests;
    }

    /** An allowlist of exactly these digests (lower or upper case hex). */
    public static PluginAllowlist of(List<String> digests) {
        return parse(Optional.of(digests), "the allowlist");
    }

    /**
     * Checks the configured entries.
     *
     * @param entries the key's values; empty when the key is not set
     * @param where   the configuration file, for the message
     * @throws UsageException naming the first entry that is not a digest
     */
    public static PluginAllowlist parse(Optional<List<String>> entries, String where) {
        if (entries.isEmpty()) {
            return NONE;
        }
        Set<String> digests = new LinkedHashSet<>();
        List<String> list = entries.get();
        for (int i = 0; i < list.size(); i++) {
            String entry = list.get(i) == null ? "" : list.get(i).trim();
            Matcher matcher = ENTRY.matcher(entry);
            if (!matcher.matches()) {
                throw new UsageException("configuration " + where + ": '" + KEY + "[" + i + "]' is '" + entry
                        + "', which is not a sha256 digest; write the 64 hex digits 'sha256sum JAR' prints for the"
                        + " jar, optionally followed by its name");
            }
            digests.add(matcher.group(1).toLowerCase(Locale.ROOT));
        }
        return new PluginAllowlist(Optional.of(Set.copyOf(digests)));
    }

    /** Whether the key is set: then only listed jars load. */
    public boolean isSet() {
        return digests.isPresent();
    }

    /** Whether a jar with this digest (lower case hex) may load; every jar may when the allowlist is not set. */
    public boolean allows(String digest) {
        return digests.map(set -> set.contains(digest)).orElse(true);
    }

    /** The listed digests, for a child JVM's configuration; empty when not set. */
    public Optional<Set<String>> digests() {
        return digests;
    }

    /** The sha256 of a file's bytes, as the lower case hex {@code sha256sum} prints. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public String toString() {
        return digests.map(set -> set.size() + " sha256 digest(s)").orElse("no allowlist");
    }
}
