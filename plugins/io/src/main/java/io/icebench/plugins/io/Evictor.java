package io.icebench.plugins.io;

import java.nio.file.Path;

/**
 * Takes a file out of the operating system's page cache so the next read of it comes from the device, and says
 * whether that was verified. A read after an eviction that was not verified is a warm read, whatever was intended.
 */
@FunctionalInterface
interface Evictor {

    /** Never throws: any failure comes back as {@link Eviction#failed}, with the reason. */
    Eviction evict(Path file);

    /**
     * What one eviction achieved.
     *
     * @param verified      whether the file is known to be (almost) out of the page cache
     * @param residentBytes bytes still cached after the eviction, or -1 when that could not be measured
     * @param reason        why it is not verified; empty when it is
     */
    record Eviction(boolean verified, long residentBytes, String reason) {

        public Eviction {
            reason = reason == null ? "" : reason;
            if (verified && !reason.isEmpty()) {
                throw new IllegalArgumentException("a verified eviction has no failure reason");
            }
            if (!verified && reason.isEmpty()) {
                throw new IllegalArgumentException("a failed eviction needs its reason");
            }
        }

        static Eviction verified(long residentBytes) {
            return new Eviction(true, residentBytes, "");
        }

        static Eviction failed(String reason) {
            return new Eviction(false, -1, reason);
        }

        static Eviction failed(long residentBytes, String reason) {
            return new Eviction(false, residentBytes, reason);
        }
    }
}
