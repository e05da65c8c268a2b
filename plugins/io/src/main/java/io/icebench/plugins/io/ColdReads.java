package io.icebench.plugins.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cold half of the reads: each repetition evicts the file from the page cache first, and the raw read evicts
 * again, so neither benefits from the other's pages. A read counts as cold only when every eviction before it was
 * confirmed; otherwise its row says warm and it stays out of every cold metric and bar.
 */
final class ColdReads {

    private static final int EVICTION_ATTEMPTS = 3;

    private ColdReads() {
    }

    static void measure(StudyRun run, FileReads r, RawReader raw) throws Exception {
        BatchFile file = r.file;
        Repetitions timer = run.timer;
        r.cold = new double[timer.count()];
        r.rawCold = new double[timer.count()];
        for (int i = 0; i < timer.count(); i++) {
            r.note(evict(run.evictor, file.path()));
            r.cold[i] = timer.time(() -> file.read(StudyRun.MODEL, run.cores));
            r.note(evict(run.evictor, file.path()));
            r.rawCold[i] = timer.time(() -> file.rawRead(raw));
        }
    }

    /**
     * Our reader memory-maps the file, and the kernel does not drop pages that are still mapped; a mapping goes
     * away only when the garbage collector frees its buffer (and the JDK's cleaner thread then unmaps it). So:
     * collect first, and when pages are still found resident, collect and wait again before giving up. The
     * collection also keeps a GC pause out of the timed read that follows.
     */
    private static Evictor.Eviction evict(Evictor evictor, Path file) throws InterruptedException {
        Evictor.Eviction eviction = null;
        for (int attempt = 0; attempt < EVICTION_ATTEMPTS; attempt++) {
            System.gc();
            if (attempt > 0) {
                Thread.sleep(50L * attempt);
            }
            eviction = evictor.evict(file);
            if (eviction.verified() || eviction.residentBytes() < 0) {
                // Verified, or a failure more collections cannot cure (a tool missing, say).
                return eviction;
            }
        }
        return Evictor.Eviction.failed(eviction.residentBytes(), eviction.reason() + " after " + EVICTION_ATTEMPTS
                + " GC + eviction attempts (memory mappings are released only by a GC)");
    }

    /** {@code cold_verified} for the study and {@code cold_verified.batch_<id>} for each file. */
    static void properties(StudyRun run) {
        if (!run.cold) {
            run.property("cold_verified", "not attempted (parameter cold=false)");
            return;
        }
        List<FileReads> reads = run.reads;
        long verified = reads.stream().filter(FileReads::coldVerified).count();
        run.property("cold_verified", verified == reads.size() && !reads.isEmpty() ? "all files"
                : verified == 0 ? "no file" : verified + " of " + reads.size() + " files");
        for (FileReads r : reads) {
            run.property("cold_verified.batch_" + r.file.batchId(),
                    r.coldVerified() ? "true" : "false: " + r.coldFailure);
        }
    }

    /** The report's paragraph on what was verified cold, file by file. */
    static String statement(StudyRun run) {
        if (!run.cold) {
            return "No cold reads were made (parameter cold=false): every figure here is warm.";
        }
        if (run.reads.isEmpty()) {
            return "No file was read.";
        }
        List<String> verified = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (FileReads r : run.reads) {
            if (r.coldVerified()) {
                verified.add("batch " + r.file.batchId());
            } else {
                failed.add("batch " + r.file.batchId() + " (" + r.coldFailure + ")");
            }
        }
        StringBuilder text = new StringBuilder("Before each cold repetition the file was fsync'ed, dropped with "
                + "`dd iflag=nocache count=0` (posix_fadvise DONTNEED) and checked with `fincore`; a read counts as "
                + "cold only when less than " + (int) CoreutilsEvictor.MAX_RESIDENT_PERCENT + "% of the file was "
                + "still resident before every repetition. ");
        if (failed.isEmpty()) {
            text.append("**Cold verified for every measured file: ").append(String.join(", ", verified))
                    .append(".**");
        } else {
            text.append(verified.isEmpty() ? "**No cold read was verified.** "
                    : "**Cold verified for " + String.join(", ", verified) + " only.** ");
            text.append("Eviction failed for ").append(String.join("; ", failed)).append(": those rows are labelled "
                    + "`warm (eviction failed: ...)`, their figures are warm reads and are left out of every cold "
                    + "metric and bar.");
        }
        return text.toString();
    }
}
