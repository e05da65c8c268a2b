package io.icebench.runner.launch;

import io.icebench.runner.UsageException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The application that {@code --mode=regression --against REF} measures the candidate (this build) against: a git
 * revision of the project, checked out and built once, or an application built already.
 *
 * <p>A revision is built into {@code cacheRoot/<full-sha>/}; the caller passes {@code <repoDir>/target/icebench-against}
 * as {@code cacheRoot}, which git ignores because {@code target/} is. The revision's tree comes from
 * {@code git archive} ({@link GitRevisions}), so the user's working tree, index and worktree list are never touched.
 * It is extracted into a
 * sibling {@code cacheRoot/.<sha>.partial-<random>} and renamed to {@code cacheRoot/<sha>} only once its build has
 * made {@code runner/target/quarkus-app/quarkus-run.jar}: an interrupted build never leaves a folder that looks built,
 * and of two runners building the same revision at once the second to finish simply uses the first one's folder.
 * A built revision takes about 280 MB (mostly the PyTorch native library); nothing removes old ones but
 * {@code mvn clean} of the project.
 *
 * <p>Maven is {@code mvn} from the PATH, or the command in the environment variable {@code MAVEN_CMD} (words separated
 * by spaces, e.g. {@code mvn -o}). {@code -Dmaven.repo.local} is passed on when this JVM has that system property.
 */
public final class AgainstBuild {

    private static final Logger LOG = Logger.getLogger(AgainstBuild.class);

    /** Where the launcher jar is, relative to the project's root. */
    static final String JAR = "runner/target/quarkus-app/quarkus-run.jar";
    /** The build's output, inside the built folder. */
    static final String BUILD_LOG = "icebench-against-build.log";
    static final List<String> BUILD_GOALS = List.of("-B", "-q", "-DskipTests", "package", "-pl", "runner", "-am");

    private static final String BUILD_HINT = "build it with mvn -B -DskipTests package -pl runner -am, or pass"
            + " --against REF";
    static final String APP_HINT = "or pass a built application with --against-app DIR";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);
    /** A partial folder older than this belongs to a build that was killed, not to one still running. */
    private static final Duration ABANDONED = Duration.ofHours(24);

    /**
     * A built application to measure against: its launcher jar and where it came from.
     *
     * @param quarkusRunJar the absolute path of its {@code quarkus-run.jar}
     * @param label         for reports: {@code HEAD~1 = 68af75b (commit subject)}, or {@code app DIR}
     * @param commit        the full sha it was built from; empty for {@code --against-app}
     */
    public record App(Path quarkusRunJar, String label, Optional<String> commit) {
    }

    /** A revision resolved to its commit. */
    record Revision(String ref, String sha, String shortSha, String subject, Path topLevel) {

        String label() {
            String subject = this.subject.length() > 60 ? this.subject.substring(0, 59) + "…" : this.subject;
            String commit = shortSha + " (" + subject + ")";
            return sha.startsWith(ref) ? commit : ref + " = " + commit;
        }
    }

    private final GitRevisions git;
    private final List<String> maven;

    /** @param git the git executable; @param maven the command that runs Maven, before its arguments */
    AgainstBuild(String git, List<String> maven) {
        this.git = new GitRevisions(git);
        this.maven = List.copyOf(maven);
    }

    /**
     * REF (any git revision: HEAD~1, a branch, a sha) of the repository at repoDir, checked out and built once into
     * cacheRoot/&lt;full-sha&gt;/, reused when already built.
     *
     * @param cacheRoot {@code <repoDir>/target/icebench-against} from the CLI
     * @throws UsageException with a one-line message when REF cannot be resolved or built
     */
    public static App ofRevision(Path repoDir, String ref, Path cacheRoot) {
        return new AgainstBuild("git", mavenFromEnvironment(System.getenv())).revision(repoDir, ref, cacheRoot);
    }

    /**
     * An already built application: DIR is a folder holding quarkus-run.jar (runner/target/quarkus-app), or a project
     * root holding runner/target/quarkus-app/quarkus-run.jar, or the jar itself.
     *
     * @throws UsageException naming the path and the fix when there is no such jar
     */
    public static App ofApp(Path dir) {
        String option = "--against-app " + dir;
        if (Files.isRegularFile(dir)) {
            if (!dir.getFileName().toString().endsWith(".jar")) {
                throw new UsageException(option + ": '" + dir + "' is a file but not a jar; pass the folder"
                        + " runner/target/quarkus-app or its quarkus-run.jar, or pass --against REF");
            }
            return app(dir, dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new UsageException(option + ": '" + dir + "' does not exist; " + BUILD_HINT);
        }
        for (Path jar : List.of(dir.resolve("quarkus-run.jar"), dir.resolve(JAR))) {
            if (Files.isRegularFile(jar)) {
                return app(dir, jar);
            }
        }
        throw new UsageException(option + ": neither '" + dir.resolve("quarkus-run.jar") + "' nor '"
                + dir.resolve(JAR) + "' exists; " + BUILD_HINT);
    }

    private static App app(Path dir, Path jar) {
        return new App(jar.toAbsolutePath().normalize(), "app " + dir, Optional.empty());
    }

    /** The Maven command: {@code MAVEN_CMD} split at spaces, or {@code mvn}. */
    static List<String> mavenFromEnvironment(Map<String, String> environment) {
        String command = environment.getOrDefault("MAVEN_CMD", "").trim();
        return command.isEmpty() ? List.of("mvn") : List.of(command.split("\\s+"));
    }

    App revision(Path repoDir, String ref, Path cacheRoot) {
        Revision revision = resolve(repoDir, ref);
        Path built = cacheRoot.resolve(revision.sha());
        Path jar = built.resolve(JAR);
        if (Files.isRegularFile(jar)) {
            LOG.infof("reusing the build of %s (%s) for --against: %s", revision.ref(), revision.sha(), built);
            return new App(jar.toAbsolutePath().normalize(), revision.label(), Optional.of(revision.sha()));
        }
        if (!build(revision, cacheRoot)) {
            LOG.infof("reusing the build of %s (%s) that another run has just made", revision.ref(), revision.sha());
        }
        return new App(jar.toAbsolutePath().normalize(), revision.label(), Optional.of(revision.sha()));
    }

    /** REF resolved to a commit of the repository at {@code repoDir}, or the one-line reason it cannot be. */
    Revision resolve(Path repoDir, String ref) {
        return git.resolve(repoDir, ref);
    }

    /**
     * Checks the revision out into a partial folder, builds it there, and renames the folder once built.
     *
     * @return false when another run's build of it turned up in the meantime and this one was not needed
     */
    private boolean build(Revision revision, Path cacheRoot) {
        String option = "--against " + revision.ref();
        Path built = cacheRoot.resolve(revision.sha());
        Path partial;
        try {
            Files.createDirectories(cacheRoot);
            removeAbandoned(cacheRoot);
            if (Files.isRegularFile(built.resolve(JAR))) {
                return false;
            }
            if (Files.exists(built) && !Files.isRegularFile(built.resolve(JAR))) {
                // Only a complete build is ever renamed to <sha>; a folder there without the jar was not made here.
                LOG.warnf("%s has no %s; building it again", built, JAR);
                SelfLaunch.delete(built);
            }
            partial = createPartial(cacheRoot, revision);
        } catch (IOException e) {
            throw new UsageException(option + ": cannot create a folder in '" + cacheRoot + "': " + e.getMessage()
                    + "; make it writable, " + APP_HINT, e);
        }
        boolean done = false;
        try {
            LOG.infof("building %s (%s) for --against, once; later runs reuse it (about 30-60 s)", revision.ref(),
                    revision.shortSha());
            long started = System.nanoTime();
            make(option, revision, partial, cacheRoot);
            try {
                Files.move(partial, built, StandardCopyOption.ATOMIC_MOVE);
                done = true;
            } catch (IOException e) {
                if (!Files.isRegularFile(built.resolve(JAR))) {
                    throw e;
                }
                LOG.infof("another run built %s at the same time; using its build", revision.shortSha());
            }
            Files.deleteIfExists(cacheRoot.resolve(revision.sha() + ".build-failed.log"));
            LOG.infof("built %s (%s) in %d s: %s", revision.ref(), revision.shortSha(),
                    Duration.ofNanos(System.nanoTime() - started).toSeconds(), built);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("building " + revision.ref() + " for --against in " + partial, e);
        } finally {
            if (!done) {
                SelfLaunch.delete(partial);
            }
        }
    }

    /** A new partial folder for the revision's build, as readable as the checkout it came from. */
    private static Path createPartial(Path cacheRoot, Revision revision) throws IOException {
        Path partial = Files.createTempDirectory(cacheRoot, "." + revision.sha() + ".partial-");
        if (Files.getFileStore(partial).supportsFileAttributeView("posix")) {
            // A temporary folder is the owner's alone; the build is as readable as the checkout it came from.
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return partial;
    }

    /**
     * Extracts the revision into {@code partial} and builds it there; throws, keeping the build's log beside the
     * cache as {@code <sha>.build-failed.log}, unless the build made the launcher jar.
     */
    private void make(String option, Revision revision, Path partial, Path cacheRoot) throws IOException {
        git.extract(option, revision, partial);
        Path log = partial.resolve(BUILD_LOG);
        int exit = runMaven(option, partial, log);
        if (exit != 0 || !Files.isRegularFile(partial.resolve(JAR))) {
            // The log outlives the partial folder, which goes: nothing half-built stays behind.
            Path kept = cacheRoot.resolve(revision.sha() + ".build-failed.log");
            Files.move(log, kept, StandardCopyOption.REPLACE_EXISTING);
            String why = exit != 0 ? "failed (exit " + exit + ")" : "made no " + JAR;
            throw new UsageException(option + ": the build of " + revision.shortSha() + " " + why + ", see "
                    + kept.toAbsolutePath() + ": " + lastLines(kept) + "; fix that revision's build, "
                    + APP_HINT);
        }
    }

    private int runMaven(String option, Path dir, Path log) throws IOException {
        List<String> command = new ArrayList<>(maven);
        String repoLocal = System.getProperty("maven.repo.local");
        if (repoLocal != null && !repoLocal.isBlank()) {
            command.add("-Dmaven.repo.local=" + repoLocal);
        }
        command.addAll(BUILD_GOALS);
        LOG.debugf("in %s: %s", dir, String.join(" ", command));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(ChildProcesses.nullFile())).start();
        } catch (IOException e) {
            throw new UsageException(option + ": cannot run Maven ('" + String.join(" ", maven) + "': "
                    + e.getMessage() + "); install Maven or set MAVEN_CMD, " + APP_HINT, e);
        }
        int exit = ChildProcesses.waitFor(process, BUILD_TIMEOUT);
        if (exit == ChildProcesses.TIMED_OUT) {
            Files.writeString(log, "\n(stopped: the build took longer than " + BUILD_TIMEOUT.toMinutes()
                    + " minutes)\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        }
        return exit;
    }

    /** Partial folders left by builds that were killed a day or more ago. */
    private static void removeAbandoned(Path cacheRoot) throws IOException {
        Instant before = Instant.now().minus(ABANDONED);
        try (Stream<Path> entries = Files.list(cacheRoot)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".") && name.contains(".partial-")) {
                    FileTime modified = Files.getLastModifiedTime(entry);
                    if (modified.toInstant().isBefore(before)) {
                        LOG.debugf("removing %s, left by a build that did not finish", entry);
                        SelfLaunch.delete(entry);
                    }
                }
            }
        }
    }

    /** The last meaningful lines of a Maven log, on one line; see {@link ChildProcesses#lastLines}. */
    static String lastLines(Path log) {
        return ChildProcesses.lastLines(log);
    }
}
