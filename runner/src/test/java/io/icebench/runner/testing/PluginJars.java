package io.icebench.runner.testing;

import io.icebench.spi.BenchmarkPlugin;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Builds plugin jars during the tests the way a plugin author's build would: javac against the SPI only, then a
 * jar with the compiled classes and the {@code META-INF/services} files. The jars are never on the runner's class
 * path; tests drop them into a plugin folder.
 */
public final class PluginJars {

    private PluginJars() {
    }

    /** The repository root (tests run with the module folder as working directory). */
    public static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("spi")) ? here : here.getParent();
    }

    /** The example plugin of examples/hello-plugin, built into {@code folder/example-deflate.jar}. */
    public static Path exampleDeflate(Path folder) {
        Path project = repositoryRoot().resolve("examples/hello-plugin/src/main");
        return build(List.of(project.resolve("java"), project.resolve("resources")), folder.resolve("example-deflate.jar"));
    }

    /** A fixture under runner/src/test/plugin-sources/NAME (Java sources and META-INF beside each other). */
    public static Path fixture(String name, Path folder) {
        Path sources = repositoryRoot().resolve("runner/src/test/plugin-sources").resolve(name);
        return build(List.of(sources), folder.resolve(name + ".jar"));
    }

    /** Compiles every .java file under the roots and jars the classes with every other file under the roots. */
    public static Path build(List<Path> roots, Path jar) {
        try {
            Path classes = Files.createTempDirectory("icebench-plugin-classes");
            List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", spiLocation(),
                    "--release", "17", "-proc:none"));
            for (Path root : roots) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(p -> p.toString().endsWith(".java")).forEach(p -> arguments.add(p.toString()));
                }
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int status = javac.run(null, null, errors, arguments.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("javac failed for " + roots + ":\n" + errors);
            }
            Files.createDirectories(jar.getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                add(out, classes, p -> true);
                for (Path root : roots) {
                    add(out, root, p -> !p.toString().endsWith(".java"));
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(JarOutputStream out, Path root, java.util.function.Predicate<Path> include)
            throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).filter(include).sorted().toList()) {
                out.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    private static String spiLocation() {
        try {
            return Path.of(BenchmarkPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a file that is named like a jar but is not one. */
    public static Path notAJar(Path folder) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve("not-a-jar.jar");
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write("this is text, not a zip archive\n".getBytes());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
