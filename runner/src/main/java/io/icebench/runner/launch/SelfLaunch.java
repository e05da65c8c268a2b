package io.icebench.runner.launch;

import io.icebench.runner.measure.Slowdown;
import io.icebench.runner.progress.Progresses;
import org.jboss.logging.Logger;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starting the packaged runner again, in a JVM of its own: for forks and confirmation re-runs that must not share
 * this JVM's JIT decisions, memory layout or libtorch kernel choices (see {@link Fork}), and for
 * {@code runner calibrate --fork}.
 */
public final class SelfLaunch {

    private static final Logger LOG = Logger.getLogger(SelfLaunch.class);

    private SelfLaunch() {
    }

    /**
     * How to start this application again: {@code java}, the JVM options this one got (without calibration's
     * slowdown), and {@code -jar} with the Quarkus launcher jar.
     *
     * @return empty when this process is not the packaged runner (in tests, or on a class path of many jars)
     */
    public static Optional<List<String>> thisApplication() {
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.endsWith("quarkus-run.jar") || classPath.contains(File.pathSeparator)) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!argument.startsWith("-D" + Slowdown.PROPERTY + "=")) {
                command.add(argument);
            }
        }
        command.add("-jar");
        command.add(classPath);
        return Optional.of(command);
    }

    /**
     * {@code application} (as {@link #thisApplication()} gives it) starting another build's {@code quarkus-run.jar}:
     * the same JVM options, except that a class-data archive is that build's own ({@link ClassDataArchive}, made
     * first if needed), and only when this JVM has one. This build's archive would not match the other jar, and the
     * other side of an A/B comparison should start as this one does.
     */
    public static List<String> withJar(List<String> application, Path quarkusRunJar) {
        List<String> command = new ArrayList<>();
        for (String argument : application.subList(0, application.size() - 2)) {
            if (!argument.startsWith("-XX:SharedArchiveFile=")) {
                command.add(argument);
            }
        }
        boolean archived = application.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile="));
        if (archived) {
            ClassDataArchive.ensure(application.get(0), quarkusRunJar)
                    .ifPresent(archive -> command.add("-XX:SharedArchiveFile=" + archive));
        }
        command.add("-jar");
        command.add(quarkusRunJar.toString());
        return command;
    }

    /** {@code application} with {@code -D} options added before {@code -jar}. */
    public static List<String> withProperties(List<String> application, List<String> properties) {
        List<String> command = new ArrayList<>(application.subList(0, application.size() - 2));
        command.addAll(properties);
        command.addAll(application.subList(application.size() - 2, application.size()));
        return command;
    }

    /**
     * This application as a fork target, with {@code pluginPath} for drop-in plugins.
     *
     * @return empty when this process is not the packaged runner
     */
    public static Optional<Fork.Target> self(Optional<Path> pluginPath) {
        return self(pluginPath, io.icebench.runner.discovery.PluginAllowlist.NONE);
    }

    /** As above, loading only the drop-in jars {@code allowlist} allows. */
    public static Optional<Fork.Target> self(Optional<Path> pluginPath,
                                             io.icebench.runner.discovery.PluginAllowlist allowlist) {
        return thisApplication().map(command -> new Fork.Target(command, pluginPath, Fork.Target.THIS_BUILD,
                allowlist));
    }

    /**
     * Runs {@code command} with stdout and stderr in {@code log} and progress display off (the child's bar would
     * only clutter the log), for at most {@code deadline}; then kills it and every process it started. Interrupted,
     * it kills them too before rethrowing.
     *
     * @return its exit code; empty when it was killed at the deadline
     */
    public static Optional<Integer> run(List<String> command, Path log, Duration deadline)
            throws IOException, InterruptedException {
        return run(command, log, deadline, Map.of(Progresses.ENVIRONMENT, "off"), line -> false);
    }

    /**
     * Runs {@code command} for at most {@code deadline}, with {@code environment} added to this process's, and kills
     * it with every process it started when it runs longer, when this thread is interrupted, or when this JVM shuts
     * down (SIGTERM, Ctrl-C). Each line of its output (stdout and stderr merged) is offered to {@code lines}; those
     * it does not take go to {@code log}. The child learns that it has a parent to outlive through
     * {@code -D}{@value #WATCH_PARENT_PROPERTY}: it then reads its stdin, which this JVM holds open, and ends itself
     * when the pipe closes, that is when this JVM has died, however it died ({@link #watchParentIfAsked}).
     *
     * @return its exit code; empty when it was killed at the deadline
     */
    public static Optional<Integer> run(List<String> command, Path log, Duration deadline,
                                        Map<String, String> environment, Predicate<String> lines)
            throws IOException, InterruptedException {
        return run(command, log, deadline, environment, lines, Optional.empty());
    }

    /**
     * As above; with {@code stderr}, the child's stderr (where its log goes) is read apart from its stdout (where
     * its results table goes), and each of its lines that {@code lines} does not take is given to {@code stderr}
     * besides going to {@code log}: a fork's log relayed to this runner's console at DEBUG ({@link ForkLog}). The
     * reading is done on this JVM's threads; the child writes its output as it always does.
     */
    public static Optional<Integer> run(List<String> command, Path log, Duration deadline,
                                        Map<String, String> environment, Predicate<String> lines,
                                        Optional<Consumer<String>> stderr)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(withWatchdog(command)).redirectErrorStream(stderr.isEmpty())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(environment);
        Process process;
        synchronized (CHILDREN) {
            if (shuttingDown) {
                throw new IOException("this runner is shutting down");
            }
            process = builder.start();
            CHILDREN.add(process);
        }
        java.io.BufferedWriter out = Files.newBufferedWriter(log);
        List<Thread> pumps = new ArrayList<>();
        pumps.add(pump(process, process.getInputStream(), out, lines, "output"));
        stderr.ifPresent(relay -> pumps.add(pump(process, process.getErrorStream(), out, line -> {
            if (lines.test(line)) {
                return true;
            }
            relay.accept(line);
            return false;
        }, "stderr")));
        try {
            if (process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                join(pumps);
                return Optional.of(process.exitValue());
            }
            LOG.warnf("killing process %d and its children after %s: %s", process.pid(),
                    io.icebench.runner.measure.PluginExecutor.human(deadline),
                    String.join(" ", command.subList(Math.max(0, command.size() - 4), command.size())));
            kill(process);
            join(pumps);
            return Optional.empty();
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        } finally {
            synchronized (CHILDREN) {
                CHILDREN.remove(process);
            }
            process.getOutputStream().close();
            synchronized (out) {
                out.close();
            }
        }
    }

    /**
     * Copies one of the child's streams to {@code log}, line by line, except the lines {@code lines} takes; two
     * pumps may share {@code log}, a line at a time.
     */
    private static Thread pump(Process process, java.io.InputStream stream, java.io.Writer log,
                               Predicate<String> lines, String what) {
        Thread pump = new Thread(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(stream,
                    java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!lines.test(line)) {
                        synchronized (log) {
                            log.write(line);
                            log.write(System.lineSeparator());
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.debugf("reading the %s of process %d: %s", what, process.pid(), e);
            }
        }, "icebench-child-" + what + "-" + process.pid());
        pump.setDaemon(true);
        pump.start();
        return pump;
    }

    /** Waits up to five seconds in all for the pumps to reach the end of the child's output. */
    private static void join(List<Thread> pumps) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Thread pump : pumps) {
            pump.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
        }
    }

    /** The system property that tells a child to end itself when its parent dies (not configuration: no dot). */
    public static final String WATCH_PARENT_PROPERTY = "icebench-watch-parent";

    /** {@code command} with {@code -D}{@value #WATCH_PARENT_PROPERTY} before its {@code -jar}, when it has one. */
    static List<String> withWatchdog(List<String> command) {
        int jar = command.indexOf("-jar");
        if (jar < 1 || command.contains("-D" + WATCH_PARENT_PROPERTY + "=true")) {
            return command;
        }
        List<String> with = new ArrayList<>(command.subList(0, jar));
        with.add("-D" + WATCH_PARENT_PROPERTY + "=true");
        with.addAll(command.subList(jar, command.size()));
        return with;
    }

    /**
     * In a child started by {@link #run}: a daemon thread reads stdin, and when it closes (the parent died, even by
     * SIGKILL) kills this process's own children, deletes its scratch folders and halts. A runner started by a user
     * does nothing here.
     *
     * @param scratch a folder of the parent's that this process should remove when it outlives its parent (the
     *                fork's scratch folder), if any
     */
    public static void watchParentIfAsked(Optional<Path> scratch) {
        if (!Boolean.getBoolean(WATCH_PARENT_PROPERTY)) {
            return;
        }
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; anything read is ignored
                }
            } catch (IOException e) {
                // a broken pipe is a dead parent too
            }
            LOG.warn("the parent runner has gone; ending this plugin JVM and everything it started");
            cleanUp();
            scratch.ifPresent(SelfLaunch::delete);
            Runtime.getRuntime().halt(io.icebench.runner.ExitCodes.INTERNAL_ERROR);
        }, "icebench-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Children still running, and scratch folders still in use: what a shutdown must not leave behind. */
    private static final Set<Process> CHILDREN = new HashSet<>();
    private static final Set<Path> SCRATCH = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static volatile boolean shuttingDown;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SelfLaunch::cleanUp, "icebench-children-cleanup"));
    }

    /** Names a scratch folder to delete should this JVM end before its owner does ({@link #delete} forgets it). */
    public static Path scratch(Path folder) {
        SCRATCH.add(folder.toAbsolutePath());
        return folder;
    }

    /** Kills every child still running, with its descendants, and deletes every scratch folder still named. */
    private static void cleanUp() {
        List<Process> running;
        synchronized (CHILDREN) {
            shuttingDown = true;
            running = new ArrayList<>(CHILDREN);
        }
        for (Process process : running) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (Process process : running) {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        new ArrayList<>(SCRATCH).forEach(SelfLaunch::delete);
    }

    private static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The last line of a run's log, which is where the runner puts the reason it failed. */
    public static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).trim();
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Deletes a scratch folder and everything in it; a folder that cannot be deleted is left, with a debug line. */
    public static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        SCRATCH.remove(folder.toAbsolutePath());
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debugf("could not delete %s: %s", folder, e);
        }
    }
}
