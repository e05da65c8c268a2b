package io.icebench.runner.launch;

import io.icebench.runner.config.PluginSettings;
import io.icebench.runner.config.RunConfig;
import io.icebench.runner.measure.Execution;
import io.icebench.runner.measure.Slowdown;
import io.icebench.runner.verdict.Gate;
import io.icebench.runner.verdict.Threshold;
import io.icebench.spi.Measurement;
import io.icebench.spi.Measurements;
import io.icebench.spi.Table;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.report.Numbers;
import io.icebench.spi.report.RunStatus;
import io.icebench.spi.report.ThresholdVerdict;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A gate measured against its base revision in the same job ({@code --against}), fork against fork.
 *
 * <p>Each <em>block</em> runs one fork of the base (A) and one of this build (B), each a fresh JVM, in an order
 * drawn at random per block (AB or BA), so that neither side always runs first, warmer or cooler. Each fork gives one
 * statistic per paired metric: the median of its samples. After every block from {@code min-blocks} on, every
 * paired threshold is judged on the blocks so far ({@link io.icebench.runner.statistics.PairedComparison}); the run
 * stops when each is REGRESSED, IMPROVED or UNCHANGED, or when {@code max-blocks} blocks are done or the next block
 * would end past {@code budget}: whatever is still undecided is INCONCLUSIVE and follows its policy.
 *
 * <p>The report is this build's: every B fork's samples pooled (what the tables and plots show), absolute thresholds
 * judged on them, and a table of the blocks (order, A, B, B/A) so the paired figures can be checked by hand.
 */
public final class PairedRun {

    private static final Logger LOG = Logger.getLogger(PairedRun.class);

    /**
     * The two sides, the base (A) and this build (B), and what they share.
     *
     * @param dataset  the dataset both sides read (the embedded default resolved once, by this build)
     * @param accepted slowdowns the change between them accepts ({@link Acceptances}); applied to the paired
     *                 thresholds of every gate measured
     */
    public record Sides(Fork.Target base, Fork.Target candidate, Optional<Path> dataset,
                        List<Acceptances.Acceptance> accepted) {
        public Sides {
            accepted = List.copyOf(accepted);
        }
    }

    /**
     * One block.
     *
     * @param order     {@code AB}, {@code BA}, or {@code A|B} for a duet (both at once)
     * @param base      A's statistic per paired metric
     * @param candidate B's statistic per paired metric
     */
    record Block(int index, String order, Map<String, Double> base, Map<String, Double> candidate) {
    }

    /** How one fork is measured: {@link Fork#measure}, or a script in tests. */
    @FunctionalInterface
    public interface Forker {
        Execution measure(Fork.Target target, PlannedRun run, Optional<Path> dataset, Slowdown slowdown);
    }

    private PairedRun() {
    }

    /**
     * Measures and judges {@code run} against the base.
     *
     * @param slowdown  calibration's slowdown, applied to this build's forks only
     * @param random    draws each block's order
     * @param evidence  a stored baseline for {@code max_regression} thresholds, if one was given
     */
    public static PluginRun.Result execute(PlannedRun run, RunConfig config, Sides sides, Slowdown slowdown,
                                           Random random, Gate.Evidence evidence) {
        return execute(run, config, sides, slowdown, random, evidence, Fork::measure);
    }

    /** As above, each fork measured by {@code forker}. */
    public static PluginRun.Result execute(PlannedRun planned, RunConfig config, Sides sides, Slowdown slowdown,
                                           Random random, Gate.Evidence evidence, Forker forker) {
        PlannedRun run = forkParameters(planned.withThresholds(Acceptances.apply(planned.plugin().id(),
                planned.thresholds(), sides.accepted())));
        String id = run.plugin().id();
        PluginSettings.PairedDesign design = run.paired();
        List<Threshold.Paired> figures = run.thresholds().stream().filter(t -> t instanceof Threshold.Paired)
                .map(t -> (Threshold.Paired) t).toList();
        List<String> metrics = figures.stream().map(Threshold.Paired::key).distinct().toList();
        LOG.infof("'%s': paired against %s: blocks of one fork each %s, %d to %d blocks, budget %s",
                id, sides.base().label(), design.duet() ? "at the same time (duet)" : "in random order",
                design.minBlocks(), design.maxBlocks(),
                io.icebench.runner.measure.PluginExecutor.human(design.budget()));
        long started = System.nanoTime();
        List<Block> blocks = new ArrayList<>();
        Measurements pooled = null;
        List<ThresholdVerdict> verdicts = List.of();
        String stopped = "";
        while (true) {
            boolean baseFirst = random.nextBoolean();
            BlockForks forks = measureBlock(run, sides, slowdown, design.duet(), baseFirst, forker);
            Execution base = forks.base();
            Execution candidate = forks.candidate();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (forks.failure().isPresent()) {
                String reason = "'" + id + "', block " + (blocks.size() + 1) + ": " + forks.failure().get();
                return result(run, config, RunStatus.ERROR, Optional.of(reason), Optional.empty(),
                        Gate.judge(run.thresholds(), Optional.empty(), reason, config.confidenceLevel(), id,
                                evidence, config.alpha()), elapsed, blocks, sides, "a fork failed");
            }
            Block block = new Block(blocks.size() + 1, design.duet() ? "A|B" : baseFirst ? "AB" : "BA",
                    statistics(base, figures),
                    statistics(candidate, figures));
            blocks.add(block);
            pooled = pooled == null ? candidate.measurements().get()
                    : Measuring.pool(pooled, candidate.measurements().get());
            LOG.infof("'%s': block %d (%s): %s", id, block.index(), block.order(), describe(block));
            if (blocks.size() < design.minBlocks()) {
                continue;
            }
            verdicts = Gate.judge(run.thresholds(), Optional.of(pooled.measurements()), "", config.confidenceLevel(),
                    id, new Gate.Evidence(evidence.baseline(), Optional.of(forks(blocks, metrics,
                            sides.base().label()))), config.alpha());
            if (verdicts.stream().allMatch(PairedRun::decided)) {
                stopped = "every paired threshold decided";
                break;
            }
            Optional<String> limit = limitReached(blocks.size(), design, elapsed);
            if (limit.isPresent()) {
                stopped = limit.get();
                break;
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        LOG.infof("'%s': %d blocks in %s, stopped: %s", id, blocks.size(),
                io.icebench.runner.measure.PluginExecutor.human(elapsed), stopped);
        return result(run, config, RunStatus.COMPLETED, Optional.empty(), Optional.of(pooled), verdicts, elapsed,
                blocks, sides, stopped);
    }

    /** One block's two forks, A's and B's, and the first one's failure if either failed. */
    private record BlockForks(Execution base, Execution candidate, Optional<String> failure) {
    }

    /**
     * Runs one block's forks: A then B when {@code baseFirst}, else B then A, or both at once for a duet. After a
     * failed first fork the second is not run (a duet has run both already).
     */
    private static BlockForks measureBlock(PlannedRun run, Sides sides, Slowdown slowdown, boolean duet,
                                           boolean baseFirst, Forker forker) {
        Optional<Path> dataset = sides.dataset();
        Execution first;
        Execution second;
        Optional<String> failure;
        if (duet) {
            // Duet: both forks at once, so whatever else the machine does hits both alike.
            java.util.concurrent.CompletableFuture<Execution> other = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> forker.measure(baseFirst ? sides.candidate() : sides.base(), run, dataset,
                            baseFirst ? slowdown : Slowdown.NONE));
            first = forker.measure(baseFirst ? sides.base() : sides.candidate(), run, dataset,
                    baseFirst ? Slowdown.NONE : slowdown);
            second = other.join();
            failure = failure(first, baseFirst ? sides.base() : sides.candidate())
                    .or(() -> failure(second, baseFirst ? sides.candidate() : sides.base()));
        } else {
            first = forker.measure(baseFirst ? sides.base() : sides.candidate(), run, dataset,
                    baseFirst ? Slowdown.NONE : slowdown);
            failure = failure(first, baseFirst ? sides.base() : sides.candidate());
            second = failure.isPresent() ? first : forker.measure(baseFirst ? sides.candidate()
                    : sides.base(), run, dataset, baseFirst ? slowdown : Slowdown.NONE);
            if (failure.isEmpty()) {
                failure = failure(second, baseFirst ? sides.candidate() : sides.base());
            }
        }
        return new BlockForks(baseFirst ? first : second, baseFirst ? second : first, failure);
    }

    /**
     * Why no block follows the {@code blocks} done in {@code elapsed}: max-blocks reached, or another block (as long
     * as the average so far) would end past the budget; empty while another fits.
     */
    private static Optional<String> limitReached(int blocks, PluginSettings.PairedDesign design, Duration elapsed) {
        Duration perBlock = elapsed.dividedBy(blocks);
        if (blocks >= design.maxBlocks()) {
            return Optional.of("max-blocks (" + design.maxBlocks() + ") reached");
        }
        if (elapsed.plus(perBlock).compareTo(design.budget()) > 0) {
            return Optional.of("budget (" + io.icebench.runner.measure.PluginExecutor.human(design.budget())
                    + ") would be exceeded by another block");
        }
        return Optional.empty();
    }

    /** A fork is the unit: {@code paired.parameters} makes each one shorter, so the budget buys more blocks. */
    private static PlannedRun forkParameters(PlannedRun run) {
        if (run.paired().parameters().isEmpty()) {
            return run;
        }
        Map<String, String> merged = new LinkedHashMap<>(run.parameters().asText());
        merged.putAll(run.paired().parameters());
        return run.withParameters(io.icebench.spi.Parameters.resolve(run.plugin().parameters(), merged));
    }

    private static Optional<String> failure(Execution execution, Fork.Target side) {
        if (execution.measurements().isPresent() && !execution.status().failed()) {
            return Optional.empty();
        }
        return Optional.of("the fork of " + side.label() + " failed: "
                + execution.failure().orElse(execution.status().name()));
    }

    private static boolean decided(ThresholdVerdict verdict) {
        return verdict.comparison().filter(Comparison::paired)
                .map(c -> c.verdict() != Comparison.Verdict.INCONCLUSIVE).orElse(true);
    }

    /**
     * One fork's figure for each paired threshold (its statistic of the metric's samples), by
     * {@link Threshold.Paired#key()}; a metric the fork did not report is left out.
     */
    private static Map<String, Double> statistics(Execution execution, List<Threshold.Paired> figures) {
        Map<String, Double> result = new LinkedHashMap<>();
        for (Threshold.Paired figure : figures) {
            for (Measurement measurement : execution.measurements().orElseThrow().measurements()) {
                if (measurement.metric().name().equals(figure.metric()) && measurement.sampleCount() > 0) {
                    result.put(figure.key(), figure.statistic().evaluate(measurement.samples()));
                }
            }
        }
        return result;
    }

    static Gate.PairedForks forks(List<Block> blocks, List<String> metrics, String against) {
        Map<String, double[]> a = new LinkedHashMap<>();
        Map<String, double[]> b = new LinkedHashMap<>();
        for (String metric : metrics) {
            List<Block> complete = blocks.stream()
                    .filter(block -> block.base().containsKey(metric) && block.candidate().containsKey(metric))
                    .toList();
            a.put(metric, complete.stream().mapToDouble(block -> block.base().get(metric)).toArray());
            b.put(metric, complete.stream().mapToDouble(block -> block.candidate().get(metric)).toArray());
        }
        return new Gate.PairedForks(against, a, b);
    }

    private static String describe(Block block) {
        List<String> parts = new ArrayList<>();
        block.base().forEach((metric, a) -> {
            Double b = block.candidate().get(metric);
            parts.add(metric + " A " + Numbers.format(a) + ", B " + (b == null ? "-" : Numbers.format(b))
                    + (b == null ? "" : ", B/A " + String.format(java.util.Locale.ROOT, "%.4f", b / a)));
        });
        return String.join("; ", parts);
    }

    private static PluginRun.Result result(PlannedRun run, RunConfig config, RunStatus status,
                                           Optional<String> failure, Optional<Measurements> pooled,
                                           List<ThresholdVerdict> verdicts, Duration elapsed, List<Block> blocks,
                                           Sides sides, String stopped) {
        Optional<Measurements> shown = pooled.map(measurements -> withBlocks(measurements, blocks, sides, stopped));
        if (verdicts.isEmpty()) {
            verdicts = Gate.judge(run.thresholds(), shown.map(Measurements::measurements),
                    failure.orElse("fewer blocks than min-blocks"), config.confidenceLevel(), run.plugin().id(),
                    Gate.Evidence.NONE, config.alpha());
        }
        int forks = blocks.size() * 2 + (status.failed() ? 1 : 0);
        return new PluginRun.Result(PluginReports.assemble(run, config, status, failure, shown, verdicts, elapsed,
                1, List.of()), verdicts, forks);
    }

    /** The pooled samples of this build, with the blocks as a table and the design as properties. */
    private static Measurements withBlocks(Measurements pooled, List<Block> blocks, Sides sides, String stopped) {
        List<String> metrics = blocks.isEmpty() ? List.of() : new ArrayList<>(blocks.get(0).base().keySet());
        List<String> columns = new ArrayList<>(List.of("block", "order"));
        for (String metric : metrics) {
            columns.add(metric + " A");
            columns.add(metric + " B");
            columns.add(metric + " B/A");
        }
        Table.Builder table = Table.builder("paired_blocks", columns.toArray(String[]::new))
                .title("Paired blocks: one fork of the base (A, " + sides.base().label() + ") and one of this build"
                        + " (B) per block, in random order; each figure is one fork's statistic (metric/statistic)");
        for (Block block : blocks) {
            List<Object> row = new ArrayList<>(List.of(block.index(), block.order()));
            for (String metric : metrics) {
                double a = block.base().getOrDefault(metric, Double.NaN);
                double b = block.candidate().getOrDefault(metric, Double.NaN);
                row.add(a);
                row.add(b);
                row.add(b / a);
            }
            table.row(row.toArray());
        }
        Measurements.Builder result = Measurements.builder();
        pooled.measurements().forEach(result::add);
        pooled.tables().forEach(result::table);
        result.table(table.build());
        pooled.series().forEach(result::series);
        pooled.properties().forEach(result::property);
        result.property("icebench.paired", blocks.size() + " blocks against " + sides.base().label()
                + " (" + blocks.size() * 2 + " forks); stopped: " + stopped);
        return result.build();
    }
}
