package io.icebench.runner.launch;

import io.icebench.runner.baseline.FingerprintDifferences;
import io.icebench.runner.baseline.History;
import io.icebench.runner.baseline.RunSamples;
import io.icebench.runner.measure.Interference;
import io.icebench.runner.verdict.Reliability;
import io.icebench.spi.PluginReport;
import io.icebench.spi.Yardstick;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the machine was busy while a regression run measured: each plugin's window of interference, and the
 * yardstick timed before and after the gates against this machine's usual reading from the history. A failed
 * wall-clock threshold measured while it was busy becomes UNRELIABLE ({@link Reliability#judge}).
 */
final class BusyMachine {

    /** The run's logger: these lines are the launcher's, as before they moved here. */
    private static final Logger LOG = Logger.getLogger(Launcher.class);

    private BusyMachine() {
    }

    /** The plugins' reports judged for the machine's load, and the run's fingerprint with the yardstick's readings. */
    record Judged(List<PluginReport> plugins, Map<String, String> fingerprint) {
    }

    /**
     * Times the yardstick after the gates and judges each report that measured here against its window and both
     * readings; imported results, measured elsewhere, are left as they are.
     */
    static Judged judge(Plan plan, List<PluginReport> plugins, List<Optional<Interference.Figures>> windows,
                        Map<String, String> fingerprint, Yardstick.Reading yardstickBefore) {
        Yardstick.Reading yardstickAfter = Yardstick.sort();
        Map<String, String> measured = withYardstick(fingerprint, yardstickBefore, yardstickAfter);
        Optional<Double> usual = usualYardstick(plan.config().resultsDir(), measured);
        List<String> runEvidence = new ArrayList<>(Interference.yardstickEvidence("before", yardstickBefore, usual));
        runEvidence.addAll(Interference.yardstickEvidence("after", yardstickAfter, usual));
        List<PluginReport> judged = new ArrayList<>();
        for (int i = 0; i < plugins.size(); i++) {
            if (!plan.runs().get(i).plugin().measuresHere()) {
                judged.add(plugins.get(i));
                continue;
            }
            PluginReport report = Reliability.judge(plugins.get(i), windows.get(i), runEvidence);
            if (report.properties().containsKey(Reliability.BUSY)) {
                LOG.warnf("'%s' ran on a busy machine: %s", report.id(), report.properties().get(Reliability.BUSY));
            }
            judged.add(report);
        }
        return new Judged(judged, measured);
    }

    /** The yardstick's readings in the run's environment: wall and CPU ms of one sort, before and after the gates. */
    static final String YARDSTICK_BEFORE = "measured.yardstick_before";
    static final String YARDSTICK_AFTER = "measured.yardstick_after";

    static Map<String, String> withYardstick(Map<String, String> fingerprint, Yardstick.Reading before,
                                                     Yardstick.Reading after) {
        Map<String, String> with = new LinkedHashMap<>(fingerprint);
        with.put(YARDSTICK_BEFORE, reading(before));
        with.put(YARDSTICK_AFTER, reading(after));
        return with;
    }

    /** How a reading is written into the run's environment, and read back from the history. */
    private static final java.util.regex.Pattern READING =
            java.util.regex.Pattern.compile("([0-9.]+) ms wall, ([0-9.]+) ms cpu");

    private static String reading(Yardstick.Reading reading) {
        return String.format(java.util.Locale.ROOT, "%.2f ms wall, %.2f ms cpu", reading.wallMillis(),
                reading.cpuMillis());
    }

    private static Optional<Yardstick.Reading> reading(String text) {
        java.util.regex.Matcher m = text == null ? null : READING.matcher(text);
        return m != null && m.matches()
                ? Optional.of(new Yardstick.Reading(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))))
                : Optional.empty();
    }

    /**
     * The median yardstick wall time of this machine's earlier quiet runs (same hard fingerprint keys, the git commit
     * aside; the quicker of each run's two readings, and only readings whose wall time was within the limit of their
     * CPU time); empty without any.
     */
    static Optional<Double> usualYardstick(Path resultsDir, Map<String, String> fingerprint) {
        List<RunSamples> runs;
        try {
            runs = History.read(resultsDir);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        List<Double> walls = new ArrayList<>();
        for (RunSamples run : runs) {
            if (!FingerprintDifferences.between(run.environment(), fingerprint).hard().isEmpty()) {
                continue;
            }
            double best = Double.MAX_VALUE;
            for (String key : List.of(YARDSTICK_BEFORE, YARDSTICK_AFTER)) {
                Optional<Yardstick.Reading> read = reading(run.environment().get(key));
                if (read.isPresent() && Interference.yardstickEvidence("", read.get(), Optional.empty()).isEmpty()) {
                    best = Math.min(best, read.get().wallMillis());
                }
            }
            if (best < Double.MAX_VALUE) {
                walls.add(best);
            }
        }
        if (walls.isEmpty()) {
            return Optional.empty();
        }
        java.util.Collections.sort(walls);
        return Optional.of(walls.get(walls.size() / 2));
    }
}
