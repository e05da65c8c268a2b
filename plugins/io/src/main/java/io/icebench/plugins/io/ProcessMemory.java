package io.icebench.plugins.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The process's resident memory as Linux reports it in {@code /proc/self/status}. {@code VmHWM} is the peak since
 * the process started and cannot be reset, so a step's own peak is the maximum of {@code VmRSS} sampled during it.
 * Empty where {@code /proc} is not available.
 */
final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {
    }

    /** Current resident set size in bytes. */
    static OptionalLong rss() {
        return field("VmRSS:");
    }

    /** Peak resident set size since the process started, in bytes. */
    static OptionalLong peakRss() {
        return field("VmHWM:");
    }

    static OptionalLong field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    return OptionalLong.of(parseKilobytes(line.substring(name.length())) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** {@code "   123456 kB"} to 123456. */
    static long parseKilobytes(String value) {
        String text = value.trim();
        if (!text.endsWith("kB")) {
            throw new IllegalArgumentException("not a kB value: '" + value + "'");
        }
        return Long.parseLong(text.substring(0, text.length() - 2).trim());
    }
}
