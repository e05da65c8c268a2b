package io.icebench.plugins.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Evicts with the standard Linux tools, then checks: {@code fsync} (dirty pages cannot be dropped), coreutils
 * {@code dd if=FILE iflag=nocache count=0}, which calls {@code posix_fadvise(POSIX_FADV_DONTNEED)} on the whole
 * file, and util-linux {@code fincore}, which counts the pages still resident. The advice is only advice (another
 * process may hold the pages, a filesystem may ignore it), so only {@code fincore} makes a read cold: the file
 * counts as evicted when less than {@value #MAX_RESIDENT_PERCENT}% of it is still resident.
 */
final class CoreutilsEvictor implements Evictor {

    static final double MAX_RESIDENT_PERCENT = 1.0;
    private static final long TIMEOUT_SECONDS = 60;

    @Override
    public Eviction evict(Path file) {
        long size;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            size = channel.size();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            return Eviction.failed("fsync failed: " + e.getMessage());
        }
        String path = file.toAbsolutePath().toString();
        Outcome dd = exec(List.of("dd", "if=" + path, "iflag=nocache", "count=0", "status=none"));
        if (!dd.ok()) {
            return Eviction.failed(dd.problem());
        }
        Outcome fincore = exec(List.of("fincore", "--bytes", "--noheadings", "--output", "RES", path));
        if (!fincore.ok()) {
            return Eviction.failed(fincore.problem());
        }
        long resident;
        try {
            resident = Long.parseLong(fincore.stdout().trim());
        } catch (NumberFormatException e) {
            return Eviction.failed("cannot read fincore's output '" + fincore.stdout().trim() + "'");
        }
        if (resident > 0 && resident * 100.0 >= size * MAX_RESIDENT_PERCENT) {
            return Eviction.failed(resident, String.format(java.util.Locale.ROOT,
                    "%d of %d bytes (%.1f%%) still in the page cache", resident, size, 100.0 * resident / size));
        }
        return Eviction.verified(resident);
    }

    private record Outcome(boolean ok, String stdout, String problem) {
    }

    private static Outcome exec(List<String> command) {
        String tool = command.get(0);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            return new Outcome(false, "", "'" + tool + "' cannot be run (" + e.getMessage() + ")");
        }
        try {
            process.getOutputStream().close();
            // Both outputs are a line or two, far below a pipe's buffer: reading them in turn cannot block.
            String stdout = read(process.getInputStream());
            String stderr = read(process.getErrorStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Outcome(false, stdout, "'" + tool + "' did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                return new Outcome(false, stdout, "'" + tool + "' exited with " + process.exitValue()
                        + (stderr.isBlank() ? "" : ": " + stderr.strip().lines().findFirst().orElse("")));
            }
            return new Outcome(true, stdout, "");
        } catch (IOException e) {
            process.destroyForcibly();
            return new Outcome(false, "", "'" + tool + "' failed: " + e.getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Outcome(false, "", "interrupted while running '" + tool + "'");
        }
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
