package io.icebench.runner.fingerprint;

import io.icebench.runner.IcebenchVersion;
import io.icebench.runner.discovery.PluginDiscovery;
import io.icebench.runner.measure.Slowdown;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The machine, JVM and checkout a run happened on, recorded in every run's {@code environment}.
 *
 * <p>Keys starting {@code hard.} describe what should be the same for two runs to be compared (CPU model, cores,
 * memory, OS, JVM, its arguments, GCs, icebench version, git commit and dirty flag); keys starting {@code soft.} the state
 * of the moment (load average, current CPU clock). Every value is read defensively:
 * what cannot be read is {@value #UNKNOWN}, and taking a fingerprint never fails.
 */
public final class Fingerprint {

    /** The value of anything that could not be read. */
    public static final String UNKNOWN = "unknown";

    /** Every key a fingerprint has, in order. */
    public static final List<String> KEYS = List.of(
            "hard.cpu_model", "hard.cpu_cores", "hard.memory_total_mib", "hard.os", "hard.kernel",
            "hard.jvm_vendor", "hard.jvm_version", "hard.jvm_arguments", "hard.gc", "hard.icebench_version",
            "hard.git_commit", "hard.native_image", "hard.git_dirty", "hard.max_heap_mib", "soft.load_average",
            "soft.cpu_mhz");

    private static final long GIT_TIMEOUT_SECONDS = 2;

    private final Path root;
    private final Path workingDirectory;

    /**
     * @param root             the folder {@code proc/cpuinfo}, {@code proc/meminfo} and {@code proc/loadavg} are read
     *                         under: {@code /} on a real machine, a test folder in tests
     * @param workingDirectory where {@code git} is asked for the commit
     */
    public Fingerprint(Path root, Path workingDirectory) {
        this.root = root;
        this.workingDirectory = workingDirectory;
    }

    /** The fingerprint of this machine, with git asked in the process's working directory. */
    public static Map<String, String> ofThisMachine() {
        return new Fingerprint(Path.of("/"), Path.of("").toAbsolutePath()).read();
    }

    /** Reads every key of {@link #KEYS}; never throws. */
    public Map<String, String> read() {
        Map<String, String> env = new LinkedHashMap<>();
        List<String> cpuinfo = lines("proc/cpuinfo");
        List<String> meminfo = lines("proc/meminfo");
        env.put("hard.cpu_model", safe(() -> field(cpuinfo, "model name").orElse(UNKNOWN)));
        env.put("hard.cpu_cores", safe(() -> String.valueOf(Runtime.getRuntime().availableProcessors())));
        env.put("hard.memory_total_mib", safe(() -> field(meminfo, "MemTotal")
                .map(v -> String.valueOf(Long.parseLong(v.replaceAll("\\s*kB$", "").trim()) >> 10))
                .orElse(UNKNOWN)));
        env.put("hard.os", safe(() -> System.getProperty("os.name") + " " + System.getProperty("os.arch")));
        env.put("hard.kernel", safe(() -> System.getProperty("os.version")));
        env.put("hard.jvm_vendor", safe(() -> System.getProperty("java.vm.vendor")));
        env.put("hard.jvm_version", safe(() -> System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version", System.getProperty("java.version"))));
        env.put("hard.jvm_arguments", safe(() -> {
            // Calibration's injected slowdown is not part of the machine: a slowed run must stay comparable.
            List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(argument -> !argument.startsWith("-D" + Slowdown.PROPERTY + "="))
                    .toList();
            return arguments.isEmpty() ? "(none)" : String.join(" ", arguments);
        }));
        env.put("hard.gc", safe(() -> String.join(",", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList())));
        env.put("hard.icebench_version", safe(IcebenchVersion::get));
        env.put("hard.git_commit", safe(() -> git("rev-parse", "HEAD").map(String::trim).orElse(UNKNOWN)));
        env.put("hard.native_image", safe(() -> String.valueOf(PluginDiscovery.isNativeImage())));
        env.put("hard.git_dirty", safe(() -> git("status", "--porcelain")
                .map(out -> String.valueOf(!out.isBlank())).orElse(UNKNOWN)));
        env.put("hard.max_heap_mib", safe(() -> String.valueOf(Runtime.getRuntime().maxMemory() >> 20)));
        env.put("soft.load_average", safe(() -> lines("proc/loadavg").stream().findFirst()
                .map(line -> String.join(" ", List.of(line.trim().split("\\s+")).subList(0, 3)))
                .orElse(UNKNOWN)));
        env.put("soft.cpu_mhz", safe(() -> field(cpuinfo, "cpu MHz").orElse(UNKNOWN)));
        return env;
    }

    private interface Reading {
        String get() throws Exception;
    }

    /** The value, or {@value #UNKNOWN} when reading it threw or gave nothing. */
    private static String safe(Reading reading) {
        try {
            String value = reading.get();
            return value == null || value.isBlank() ? UNKNOWN : value;
        } catch (Exception | LinkageError e) {
            return UNKNOWN;
        }
    }

    /** The lines of a file under the root; none when it is missing or unreadable. */
    private List<String> lines(String relative) {
        try {
            return Files.readAllLines(root.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The value of the first {@code name : value} line, as /proc/cpuinfo and /proc/meminfo write them. */
    private static Optional<String> field(List<String> lines, String name) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return Optional.of(line.substring(colon + 1).trim()).filter(v -> !v.isEmpty());
            }
        }
        return Optional.empty();
    }

    /** Git's standard output, or empty when git is missing, fails, or takes longer than the timeout. */
    private Optional<String> git(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(arguments));
        Process process = null;
        try {
            process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            Process running = process;
            java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> {
                        try (InputStream in = running.getInputStream()) {
                            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            return "";
                        }
                    });
            if (!process.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            if (process.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(output.get(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
