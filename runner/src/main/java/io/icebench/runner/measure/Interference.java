package io.icebench.runner.measure;

import io.icebench.spi.Yardstick;
import io.icebench.spi.report.Numbers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the machine was busy while a plugin ran, from what Linux tells any process: the CPU time the whole
 * machine spent ({@code /proc/stat}) minus this process's and its finished children's ({@code /proc/self/stat}),
 * the time the hypervisor stole, the run queue and the load average; and, once per run, the {@link Yardstick}
 * before and after the plugins.
 *
 * <p>The machine counts as <b>busy</b> during a plugin when any of these held (docs/CALIBRATION.md says why these
 * limits):
 * <ul>
 *   <li>other processes used more than {@value #OTHERS_LIMIT_PERCENT}% of the machine's CPU capacity;</li>
 *   <li>the hypervisor stole more than {@value #STEAL_LIMIT_PERCENT}% of it;</li>
 *   <li>the yardstick's wall time, before or after the plugins, was more than {@value #YARDSTICK_LIMIT_PERCENT}%
 *       above its own CPU time (its thread waited for a core), or more than {@value #YARDSTICK_LIMIT_PERCENT}% above
 *       the median of this machine's earlier runs in the history.</li>
 * </ul>
 * Where there is no {@code /proc} nothing is known and nothing counts as busy.
 */
public final class Interference {

    /** Other processes' share of the machine's CPU above which it was busy, in percent. */
    public static final int OTHERS_LIMIT_PERCENT = 25;
    /** Stolen share of the machine's CPU above which it was busy, in percent. */
    public static final int STEAL_LIMIT_PERCENT = 10;
    /** How much slower than its CPU time, or than this machine's history, the yardstick may run, in percent. */
    public static final int YARDSTICK_LIMIT_PERCENT = 20;

    private static final Path PROC_STAT = Path.of("/proc/stat");
    private static final Path SELF_STAT = Path.of("/proc/self/stat");
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private Interference() {
    }

    /**
     * What the machine did during one plugin's run.
     *
     * @param seconds      how long the window lasted
     * @param cpus         processors the machine has
     * @param othersShare  CPU time of other processes over the machine's capacity, 0 to 1
     * @param stealShare   CPU time stolen by the hypervisor over the machine's capacity, 0 to 1
     * @param runQueue     mean number of runnable threads machine-wide (ours included), sampled every 200 ms
     * @param loadAverage  the 1-minute load average at the end
     */
    public record Figures(double seconds, int cpus, double othersShare, double stealShare, double runQueue,
                          double loadAverage) {

        /** What is wrong, one phrase per limit crossed; empty when the machine was quiet. */
        public List<String> evidence() {
            List<String> evidence = new ArrayList<>();
            if (othersShare * 100 > OTHERS_LIMIT_PERCENT) {
                evidence.add(String.format(Locale.ROOT, "other processes used %.1f of %d cores (%s%%, limit %d%%)",
                        othersShare * cpus, cpus, Numbers.format(othersShare * 100), OTHERS_LIMIT_PERCENT));
            }
            if (stealShare * 100 > STEAL_LIMIT_PERCENT) {
                evidence.add(String.format(Locale.ROOT, "the hypervisor stole %s%% of the CPU (limit %d%%)",
                        Numbers.format(stealShare * 100), STEAL_LIMIT_PERCENT));
            }
            return evidence;
        }

        /** For the reports: the figures as properties of the plugin. */
        public java.util.Map<String, String> asProperties() {
            java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();
            properties.put("icebench.interference.others_cpu", String.format(Locale.ROOT,
                    "%.2f of %d cores (%s%%)", othersShare * cpus, cpus, Numbers.format(othersShare * 100)));
            properties.put("icebench.interference.steal", Numbers.format(stealShare * 100) + "%");
            properties.put("icebench.interference.run_queue", String.format(Locale.ROOT, "%.1f", runQueue));
            properties.put("icebench.interference.load_average", String.format(Locale.ROOT, "%.2f", loadAverage));
            return properties;
        }
    }

    /** A window being watched; {@link #stop()} ends it. */
    public static final class Probe {
        private final Optional<long[]> machineAtStart = machine();
        private final Optional<Long> ownAtStart = own();
        private final long started = System.nanoTime();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Integer> runQueue = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Thread sampler;

        private Probe() {
            sampler = new Thread(() -> {
                while (running.get()) {
                    procsRunning().ifPresent(runQueue::add);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "icebench-interference");
            sampler.setDaemon(true);
            sampler.start();
        }

        /** The figures of the window; empty where the machine does not say. */
        public Optional<Figures> stop() {
            running.set(false);
            sampler.interrupt();
            double seconds = (System.nanoTime() - started) / 1e9;
            Optional<long[]> machineAtEnd = machine();
            Optional<Long> ownAtEnd = own();
            if (machineAtStart.isEmpty() || machineAtEnd.isEmpty() || ownAtStart.isEmpty() || ownAtEnd.isEmpty()) {
                return Optional.empty();
            }
            long[] a = machineAtStart.get();
            long[] b = machineAtEnd.get();
            double total = b[2] - a[2];
            if (total <= 0) {
                return Optional.empty();
            }
            double others = Math.max(0, (b[0] - a[0]) - (ownAtEnd.get() - ownAtStart.get()));
            double queue;
            synchronized (runQueue) {
                queue = runQueue.stream().mapToInt(Integer::intValue).average().orElse(0);
            }
            return Optional.of(new Figures(seconds, (int) b[3], Math.min(1, others / total),
                    Math.min(1, (b[1] - a[1]) / total), queue, loadAverage()));
        }
    }

    /** Starts watching the machine; a sampling thread reads the run queue until {@link Probe#stop()}. */
    public static Probe start() {
        return new Probe();
    }

    /**
     * The yardstick's evidence: what is wrong with a reading against its own CPU time and against this machine's
     * earlier readings ({@code historyWallMillis}, empty for none). Empty when the reading looks quiet.
     */
    public static List<String> yardstickEvidence(String when, Yardstick.Reading reading,
                                                 Optional<Double> historyWallMillis) {
        List<String> evidence = new ArrayList<>();
        double overCpu = (reading.wallOverCpu() - 1) * 100;
        if (overCpu > YARDSTICK_LIMIT_PERCENT) {
            evidence.add(String.format(Locale.ROOT, "the yardstick %s the gates took %s%% longer than its CPU time"
                    + " (%.1f ms for %.1f ms; limit %d%%)", when, Numbers.format(overCpu), reading.wallMillis(),
                    reading.cpuMillis(), YARDSTICK_LIMIT_PERCENT));
        }
        historyWallMillis.ifPresent(usual -> {
            double slower = (reading.wallMillis() / usual - 1) * 100;
            if (slower > YARDSTICK_LIMIT_PERCENT) {
                evidence.add(String.format(Locale.ROOT, "the yardstick %s the gates ran %s%% slower than its median"
                        + " on this machine (%.1f ms against %.1f ms; limit %d%%)", when, Numbers.format(slower),
                        reading.wallMillis(), usual, YARDSTICK_LIMIT_PERCENT));
            }
        });
        return evidence;
    }

    /** {busy ticks without steal, steal ticks, all ticks, cpus} of the whole machine. */
    static Optional<long[]> machine() {
        try {
            List<String> lines = Files.readAllLines(PROC_STAT);
            String[] cpu = lines.get(0).trim().split("\\s+");
            if (!cpu[0].equals("cpu") || cpu.length < 9) {
                return Optional.empty();
            }
            long user = Long.parseLong(cpu[1]);
            long nice = Long.parseLong(cpu[2]);
            long system = Long.parseLong(cpu[3]);
            long idle = Long.parseLong(cpu[4]);
            long iowait = Long.parseLong(cpu[5]);
            long irq = Long.parseLong(cpu[6]);
            long softirq = Long.parseLong(cpu[7]);
            long steal = Long.parseLong(cpu[8]);
            long cpus = lines.stream().filter(line -> line.matches("cpu\\d+\\s.*")).count();
            long busy = user + nice + system + irq + softirq;
            return Optional.of(new long[] {busy, steal, busy + steal + idle + iowait, Math.max(1, cpus)});
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** This process's CPU ticks, its finished children's included (forks are children). */
    static Optional<Long> own() {
        try {
            String stat = Files.readString(SELF_STAT);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // fields[0] is the state (field 3); utime, stime, cutime, cstime are fields 14 to 17
            return Optional.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<Integer> procsRunning() {
        try {
            for (String line : Files.readAllLines(PROC_STAT)) {
                if (line.startsWith("procs_running ")) {
                    return Optional.of(Integer.parseInt(line.substring("procs_running ".length()).trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(LOADAVG).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
