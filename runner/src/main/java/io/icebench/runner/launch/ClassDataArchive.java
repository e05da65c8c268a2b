package io.icebench.runner.launch;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A build's class-data (AppCDS) archive, {@value #FILE} beside its {@code quarkus-run.jar}: the classes its start-up
 * loads, mapped from one file instead of read from jars and verified.
 *
 * <p>The JVM maps an archive only when the launch names the class path exactly as the launch that made it did. The
 * archive Quarkus can make at package time records {@code quarkus-run.jar} relative to its folder, so no launch
 * from another folder maps it ({@code -Xlog:cds}: "Required classpath entry does not exist"), and bin/runner, forks
 * and {@code --against} all start the jar by its absolute path. So the archive is made by such a launch: the build's
 * own {@code list}, with {@code -XX:ArchiveClassesAtExit}, into a temporary file renamed into place. bin/runner
 * makes this build's the same way (one second, once per build); this class makes another build's, so that both
 * sides of an A/B comparison start alike.
 */
final class ClassDataArchive {

    static final String FILE = "icebench-cds.jsa";
    private static final Logger LOG = Logger.getLogger(ClassDataArchive.class);
    private static final long TIMEOUT_SECONDS = 120;

    private ClassDataArchive() {
    }

    /**
     * The archive of the build whose launcher is {@code quarkusRunJar}, made with {@code java} first when it is
     * missing or older than the jar.
     *
     * @return empty when there is none and it could not be made (the build then starts without one)
     */
    static Optional<Path> ensure(String java, Path quarkusRunJar) {
        Path jar = quarkusRunJar.toAbsolutePath();
        Path archive = jar.resolveSibling(FILE);
        if (current(archive, jar)) {
            return Optional.of(archive);
        }
        Path partial = jar.resolveSibling(FILE + "." + ProcessHandle.current().pid() + ".partial");
        try {
            Process process = new ProcessBuilder(List.of(java, "-XX:ArchiveClassesAtExit=" + partial,
                    "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-Dai.djl.offline=true", "-jar", jar.toString(), "list"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.debugf("no class-data archive for %s: its list did not end within %d s", jar, TIMEOUT_SECONDS);
            } else if (process.exitValue() == 0 && Files.size(partial) > 0) {
                Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return Optional.of(archive);
            } else {
                LOG.debugf("no class-data archive for %s: its list exited %d", jar, process.exitValue());
            }
        } catch (IOException e) {
            LOG.debugf("no class-data archive for %s: %s", jar, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a leftover .partial is never mapped: only FILE is
            }
        }
        return Optional.empty();
    }

    /** An archive at least as new as the jar (or beside a jar that cannot be read, in which case it is kept). */
    private static boolean current(Path archive, Path jar) {
        if (!Files.isRegularFile(archive)) {
            return false;
        }
        try {
            return Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) >= 0;
        } catch (IOException e) {
            return true;
        }
    }
}
