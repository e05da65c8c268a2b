package io.icebench.runner.launch;

import io.icebench.runner.verdict.Threshold;
import io.icebench.spi.report.Numbers;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Intended slowdowns, accepted for one change by a reviewable commit trailer:
 * <pre>
 * Icebench-Accept: forward-latency pass_time 12% the new attention layer is worth it (PR #41)
 * </pre>
 * Every commit between the base and {@code HEAD} ({@code git log BASE..HEAD}) is read. A trailer raises one paired
 * threshold's {@code paired_max_regression} to its percentage for this run only; the threshold's rationale, and so
 * every report, names the commit and the reason. A change beyond the accepted percentage still REGRESSES. Once the
 * change lands, the next run's base contains it and the trailer is out of the range again.
 */
public final class Acceptances {

    private static final Logger LOG = Logger.getLogger(Acceptances.class);

    /** {@code Icebench-Accept: <plugin> <metric> <percent>% <reason>}. */
    static final Pattern TRAILER = Pattern.compile(
            "^Icebench-Accept:\\s*(\\S+)\\s+(\\S+)\\s+(\\d+(?:\\.\\d+)?)\\s*%\\s+(\\S.*)$", Pattern.MULTILINE);

    /** One accepted slowdown. */
    public record Acceptance(String commit, String plugin, String metric, double percent, String reason) {
    }

    private Acceptances() {
    }

    /** The trailers of the commits in {@code base..HEAD} of the repository at {@code repo}; none when git fails. */
    public static List<Acceptance> between(Path repo, String baseCommit) {
        List<String> command = List.of("git", "-C", repo.toString(), "log", "--format=%H%n%B%n%x00",
                baseCommit + "..HEAD");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                LOG.debugf("no trailers read: %s exited %s", command, process.isAlive() ? "late" : process.exitValue());
                process.destroyForcibly();
                return List.of();
            }
            return parse(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.debugf("no trailers read: %s", e.toString());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Parses {@code git log --format=%H%n%B%n%x00} output: commits separated by NUL, the hash on the first line. */
    static List<Acceptance> parse(String log) {
        List<Acceptance> found = new ArrayList<>();
        for (String commit : log.split("\u0000")) {
            String text = commit.strip();
            if (text.isEmpty()) {
                continue;
            }
            int newline = text.indexOf('\n');
            String hash = newline < 0 ? text : text.substring(0, newline).strip();
            Matcher matcher = TRAILER.matcher(newline < 0 ? "" : text.substring(newline + 1));
            while (matcher.find()) {
                found.add(new Acceptance(hash, matcher.group(1), matcher.group(2),
                        Double.parseDouble(matcher.group(3)), matcher.group(4).strip()));
            }
        }
        return found;
    }

    /**
     * {@code thresholds} with each paired threshold that an acceptance names raised to the accepted percentage (when
     * that is higher), its rationale saying so.
     */
    public static List<Threshold> apply(String pluginId, List<Threshold> thresholds, List<Acceptance> accepted) {
        List<Threshold> result = new ArrayList<>();
        for (Threshold threshold : thresholds) {
            Optional<Acceptance> match = threshold instanceof Threshold.Paired paired
                    ? accepted.stream().filter(a -> a.plugin().equals(pluginId) && a.metric().equals(paired.metric()))
                            .max(java.util.Comparator.comparingDouble(Acceptance::percent))
                    : Optional.empty();
            if (match.isEmpty() || match.get().percent() <= ((Threshold.Paired) threshold).maxRegressionPercent()) {
                result.add(threshold);
                continue;
            }
            Threshold.Paired paired = (Threshold.Paired) threshold;
            Acceptance acceptance = match.get();
            String note = "ACCEPTED: up to " + Numbers.format(acceptance.percent()) + "% (instead of "
                    + Numbers.format(paired.maxRegressionPercent()) + "%) by commit "
                    + acceptance.commit().substring(0, Math.min(12, acceptance.commit().length())) + ": "
                    + acceptance.reason();
            LOG.warnf("'%s': %s", pluginId, note);
            result.add(new Threshold.Paired(paired.metric(), paired.statistic(), acceptance.percent(),
                    note + ". " + paired.rationale(), paired.inconclusive()));
        }
        return result;
    }
}
