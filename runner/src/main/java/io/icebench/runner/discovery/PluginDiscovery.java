package io.icebench.runner.discovery;

import io.icebench.runner.UsageException;
import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.ReportWriter;
import io.icebench.spi.Spi;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Finds plugins and report writers with {@link ServiceLoader}: first on the application class path (the built-ins),
 * then in the plugin folder.
 *
 * <p>Every {@code *.jar} directly in the plugin folder gets a class loader of its own, and so does every
 * sub-folder (for a plugin that ships its dependencies as separate jars). Each loader's parent is the SPI's class
 * loader, so plugins share the runner's SPI classes and nothing else of each other. Every provider is created and
 * checked in its own try/catch: a broken one becomes a {@link DiscoveryProblem} and the rest still load.
 *
 * <p>Creating a provider runs the jar's code (static initialisers and constructors) with the user's rights, so a
 * plugin folder is trusted code. With a {@link PluginAllowlist} set, every jar is hashed before any class loader
 * exists, and a jar whose sha256 is not listed is never opened as a jar: no class loader, no static initialiser.
 */
public final class PluginDiscovery {

    public static final String BUILT_IN = "built-in";

    private static final Logger LOG = Logger.getLogger(PluginDiscovery.class);
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");
    /** A provider iterator that keeps failing is abandoned after this many errors. */
    private static final int MAX_ERRORS_PER_SOURCE = 100;

    private PluginDiscovery() {
    }

    /** Whether this process is a native executable, where class loading from jars is not available. */
    public static boolean isNativeImage() {
        return "runtime".equals(System.getProperty("org.graalvm.nativeimage.imagecode"));
    }

    /** Discovers plugins and writers without an allowlist: every jar in the folder loads. */
    public static Discovered discover(Optional<Path> pluginFolder) {
        return discover(pluginFolder, PluginAllowlist.NONE);
    }

    /**
     * Discovers plugins and writers.
     *
     * @param pluginFolder the drop-in folder; empty for built-ins only
     * @param allowlist    the jars of the folder that may load ({@code icebench.plugin-allowlist})
     * @throws UsageException when the folder does not exist, or in a native executable
     */
    public static Discovered discover(Optional<Path> pluginFolder, PluginAllowlist allowlist) {
        List<Source> sources = new ArrayList<>();
        ClassLoader spiLoader = BenchmarkPlugin.class.getClassLoader();
        sources.add(new Source(BUILT_IN, spiLoader, null));
        List<DiscoveryProblem> problems = new ArrayList<>();
        pluginFolder.ifPresent(folder -> sources.addAll(folderSources(folder, allowlist, spiLoader, problems)));

        Map<String, DiscoveredPlugin> plugins = new LinkedHashMap<>();
        Map<String, DiscoveredWriter> writers = new LinkedHashMap<>();
        for (Source source : sources) {
            for (BenchmarkPlugin plugin : load(BenchmarkPlugin.class, source, problems)) {
                describe(plugin, source, problems).ifPresent(found -> register(plugins, found.id(), found,
                        found.source(), DiscoveredPlugin::source, "plugin", problems));
            }
            for (ReportWriter writer : load(ReportWriter.class, source, problems)) {
                describe(writer, source, problems).ifPresent(found -> register(writers, found.id(), found,
                        found.source(), DiscoveredWriter::source, "report writer", problems));
            }
        }
        for (DiscoveryProblem problem : problems) {
            LOG.warnf("could not load %s", problem);
        }
        // Sorted by id: run order and listings must not depend on class path order.
        return new Discovered(
                plugins.values().stream().sorted(java.util.Comparator.comparing(DiscoveredPlugin::id)).toList(),
                List.copyOf(writers.values()), problems);
    }

    private static <T> void register(Map<String, T> registry, String id, T found, String source,
                                     Function<T, String> sourceOf, String what, List<DiscoveryProblem> problems) {
        T existing = registry.putIfAbsent(id, found);
        if (existing != null) {
            problems.add(new DiscoveryProblem(source, id, what + " id '" + id + "' is already taken by the one from '"
                    + sourceOf.apply(existing) + "', which is used; rename one of them"));
        }
    }

    private static List<Source> folderSources(Path folder, PluginAllowlist allowlist, ClassLoader parent,
                                              List<DiscoveryProblem> problems) {
        if (isNativeImage()) {
            throw new UsageException("--plugin-path '" + folder + "': drop-in plugin jars need the JVM, and this is"
                    + " a native executable; run the JVM build (java -jar runner/target/quarkus-app/quarkus-run.jar)"
                    + " to use plugin jars");
        }
        if (!Files.isDirectory(folder)) {
            throw new UsageException("plugin folder '" + folder + "' does not exist or is not a folder; create it"
                    + " and put plugin jars in it, or leave --plugin-path out");
        }
        List<Source> sources = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.sorted().toList()) {
                if (Files.isDirectory(entry)) {
                    List<Path> jars;
                    try (Stream<Path> inner = Files.list(entry)) {
                        jars = inner.filter(PluginDiscovery::isJarName).sorted().toList();
                    }
                    // One plugin with its dependencies: all of it is trusted, or none of it loads.
                    String name = entry.getFileName() + "/";
                    boolean allowed = true;
                    for (Path jar : jars) {
                        // Every jar is checked, so that one listing names every digest to add.
                        allowed &= isAllowed(jar, name + jar.getFileName(), allowlist,
                                " (no jar of " + name + " loads until every jar in it is listed)", problems);
                    }
                    List<Path> readable = !allowed ? List.of()
                            : jars.stream().filter(jar -> isReadableJar(jar, problems)).toList();
                    if (!readable.isEmpty()) {
                        sources.add(new Source(name, loader(readable, parent), folder));
                    }
                } else if (isJarName(entry)
                        && isAllowed(entry, entry.getFileName().toString(), allowlist, "", problems)
                        && isReadableJar(entry, problems)) {
                    sources.add(new Source(entry.getFileName().toString(), loader(List.of(entry), parent), folder));
                }
            }
        } catch (IOException e) {
            throw new UsageException("cannot list plugin folder '" + folder + "': " + e.getMessage());
        }
        return sources;
    }

    private static boolean isJarName(Path path) {
        return path.getFileName().toString().endsWith(".jar");
    }

    /**
     * Whether the allowlist lets {@code jar} load; hashes it, which reads its bytes and runs none of its code. A jar
     * that is refused is a problem naming its digest and the fix.
     */
    private static boolean isAllowed(Path jar, String name, PluginAllowlist allowlist, String note,
                                     List<DiscoveryProblem> problems) {
        if (!allowlist.isSet()) {
            return true;
        }
        String digest;
        try {
            digest = PluginAllowlist.sha256(jar);
        } catch (IOException e) {
            problems.add(new DiscoveryProblem(name, "cannot be read to check its sha256 against "
                    + PluginAllowlist.KEY + " (" + e.getMessage() + "), so it was not loaded; check its permissions"
                    + " or remove it from the plugin folder"));
            return false;
        }
        if (allowlist.allows(digest)) {
            return true;
        }
        problems.add(new DiscoveryProblem(name, "not loaded: its sha256 " + digest + " is not in "
                + PluginAllowlist.KEY + note + "; add it there if you trust this jar (docs/PLUGINS.md, Trust)"));
        return false;
    }

    private static boolean isReadableJar(Path jar, List<DiscoveryProblem> problems) {
        try (ZipFile ignored = new ZipFile(jar.toFile())) {
            return true;
        } catch (ZipException e) {
            problems.add(new DiscoveryProblem(jar.getFileName().toString(), "not a jar file (" + e.getMessage()
                    + "); rebuild it or remove it from the plugin folder"));
        } catch (IOException e) {
            problems.add(new DiscoveryProblem(jar.getFileName().toString(), "cannot be read (" + e.getMessage()
                    + "); check its permissions or remove it from the plugin folder"));
        }
        return false;
    }

    private static URLClassLoader loader(List<Path> jars, ClassLoader parent) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        // Left open for the life of the process: plugin classes stay in use until the run ends.
        return new URLClassLoader("icebench-plugins:" + jars.get(0).getFileName(), urls, parent);
    }

    /** Instantiates every provider of {@code service} that belongs to {@code source}, containing each failure. */
    private static <S> List<S> load(Class<S> service, Source source, List<DiscoveryProblem> problems) {
        List<S> found = new ArrayList<>();
        Iterator<S> iterator = ServiceLoader.load(service, source.loader()).iterator();
        int errors = 0;
        while (errors < MAX_ERRORS_PER_SOURCE) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                S provider = iterator.next();
                // A child loader also sees its parent's providers: keep only the ones this source defines.
                if (source.isBuiltIn() || provider.getClass().getClassLoader() == source.loader()) {
                    found.add(provider);
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                errors++;
                problems.add(new DiscoveryProblem(source.name(), "a " + service.getSimpleName()
                        + " provider could not be created: " + cause(e)
                        + "; fix or remove the provider named in META-INF/services/" + service.getName()));
            }
        }
        return found;
    }

    private static Optional<DiscoveredPlugin> describe(BenchmarkPlugin plugin, Source source,
                                                       List<DiscoveryProblem> problems) {
        String where = source.describe(plugin.getClass());
        try {
            String id = plugin.id();
            String version = plugin.spiVersion();
            if (id == null || !ID.matcher(id).matches()) {
                problems.add(new DiscoveryProblem(where, "plugin id '" + id + "' must be lower case letters, digits"
                        + " and dashes, starting with a letter, such as 'dom-packing'"));
                return Optional.empty();
            }
            Optional<String> refused = versionProblem(plugin, version, source, "plugin '" + id + "'");
            if (refused.isPresent()) {
                problems.add(new DiscoveryProblem(where, id, refused.get()));
                return Optional.empty();
            }
            if (plugin.kind() == null) {
                problems.add(new DiscoveryProblem(where, id, "plugin '" + id + "' returned no kind; return"
                        + " PluginKind.REGRESSION_GATE or PluginKind.EXPLORATORY"));
                return Optional.empty();
            }
            return Optional.of(new DiscoveredPlugin(plugin, id, plugin.kind(), nullToEmpty(plugin.description()),
                    plugin.metrics(), plugin.parameters(), plugin.defaultTimeout(), version, where));
        } catch (RuntimeException | LinkageError e) {
            problems.add(new DiscoveryProblem(where, "plugin " + plugin.getClass().getName()
                    + " failed while describing itself: " + cause(e) + "; fix the plugin or remove it"));
            return Optional.empty();
        }
    }

    private static Optional<DiscoveredWriter> describe(ReportWriter writer, Source source,
                                                       List<DiscoveryProblem> problems) {
        String where = source.describe(writer.getClass());
        try {
            String id = writer.id();
            if (id == null || !ID.matcher(id).matches()) {
                problems.add(new DiscoveryProblem(where, "report writer id '" + id + "' must be lower case letters,"
                        + " digits and dashes, such as 'json'"));
                return Optional.empty();
            }
            Optional<String> refused = versionProblem(writer, writer.spiVersion(), source,
                    "report writer '" + id + "'");
            if (refused.isPresent()) {
                problems.add(new DiscoveryProblem(where, id, refused.get()));
                return Optional.empty();
            }
            return Optional.of(new DiscoveredWriter(writer, id, nullToEmpty(writer.description()), where));
        } catch (RuntimeException | LinkageError e) {
            problems.add(new DiscoveryProblem(where, "report writer " + writer.getClass().getName()
                    + " failed while describing itself: " + cause(e) + "; fix the writer or remove it"));
            return Optional.empty();
        }
    }

    /**
     * Why the contract version {@code provider} reports rules it out, if it does. A provider from a plugin jar must
     * declare {@code spiVersion()} in a class of its own: the interfaces' default returns the SPI this runner runs
     * with, not the one the jar was compiled against, and is meant for the built-ins, compiled with the runner
     * ({@link Spi}). Then the version must be compatible: {@link Spi#isCompatible}, for a report writer
     * {@link Spi#isCompatibleWriter}.
     */
    private static Optional<String> versionProblem(Object provider, String version, Source source, String named) {
        if (!source.isBuiltIn() && !declaresSpiVersion(provider.getClass(), source.loader())) {
            return Optional.of(named + " does not say which SPI it was built against; add 'public String"
                    + " spiVersion() { return Spi.VERSION; }' to " + provider.getClass().getName() + " and rebuild it");
        }
        boolean writer = provider instanceof ReportWriter;
        if (writer ? Spi.isCompatibleWriter(version) : Spi.isCompatible(version)) {
            return Optional.empty();
        }
        String since = writer && Spi.isCompatible(version) ? " (report writers need SPI " + Spi.OLDEST_REPORT_WRITER
                + " or newer: the report's types moved to io.icebench.spi)" : "";
        return Optional.of(named + " was built for SPI '" + version + "' but this runner implements SPI " + Spi.VERSION
                + since + "; rebuild it against icebench-spi " + Spi.VERSION);
    }

    /** Whether {@code type}, or a class or interface of its own jar, declares {@code spiVersion()}. */
    private static boolean declaresSpiVersion(Class<?> type, ClassLoader jarLoader) {
        try {
            return type.getMethod("spiVersion").getDeclaringClass().getClassLoader() == jarLoader;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** The innermost cause, as {@code Type: message}. */
    static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().replaceAll("\\s*\\R\\s*", " ");
        return root == e ? root.getClass().getSimpleName() + message
                : e.getClass().getSimpleName() + " caused by " + root.getClass().getSimpleName() + message;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private record Source(String name, ClassLoader loader, Path folder) {

        boolean isBuiltIn() {
            return folder == null;
        }

        /** For built-ins, the jar the class came from, which {@code list} shows. */
        String describe(Class<?> type) {
            if (!isBuiltIn()) {
                return name;
            }
            try {
                var location = type.getProtectionDomain().getCodeSource().getLocation();
                String path = location.getPath();
                String file = path.endsWith("/") ? path : path.substring(path.lastIndexOf('/') + 1);
                return BUILT_IN + " (" + (file.endsWith("/") ? type.getName() : file) + ")";
            } catch (RuntimeException e) {
                return BUILT_IN;
            }
        }
    }
}
