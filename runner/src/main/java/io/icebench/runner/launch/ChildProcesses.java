package io.icebench.runner.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The child-process plumbing of {@link AgainstBuild} (git, tar, Maven): waiting with a deadline that kills the whole
 * process tree, reading a child's output, and a Maven log's last meaningful lines for a one-line error.
 */
final class ChildProcesses {

    private static final int LAST_LINES = 3;
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

    private ChildProcesses() {
    }

    static final int TIMED_OUT = -1;


    static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** The last meaningful lines of a Maven log, on one line: Maven's closing advice is left out. */
    static String lastLines(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
        List<String> meaningful = new ArrayList<>();
        for (String line : lines) {
            // Maven prints colour codes at the start and end of its output even in batch mode.
            String text = ANSI.matcher(line).replaceAll("").strip();
            String body = text.startsWith("[ERROR]") ? text.substring("[ERROR]".length()).strip() : text;
            if (body.isEmpty() || body.startsWith("-> [Help") || body.startsWith("[Help")
                    || body.startsWith("To see the full stack trace") || body.startsWith("Re-run Maven using")
                    || body.startsWith("For more information about the errors")
                    || body.startsWith("After correcting the problems") || body.startsWith("mvn <args>")) {
                continue;
            }
            meaningful.add(text.endsWith(" -> [Help 1]") ? text.substring(0, text.length() - 12) : text);
        }
        if (meaningful.isEmpty()) {
            return "(no output)";
        }
        String last = String.join(" | ", meaningful.subList(Math.max(0, meaningful.size() - LAST_LINES),
                meaningful.size()));
        return last.length() > 400 ? "…" + last.substring(last.length() - 399) : last;
    }

    static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s*\\R\\s*", " | ");
        return line.isEmpty() ? "(no output)" : line;
    }

    static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the exit code, or {@link #TIMED_OUT} after killing the process */
    static int waitFor(Process process, Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return TIMED_OUT;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + process.info().command().orElse(
                    "a child process"), e);
        }
    }
}
