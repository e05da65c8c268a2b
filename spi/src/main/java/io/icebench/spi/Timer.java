package io.icebench.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * Times the regions of a plugin's measured work and records, for each, what the machine's load moves a lot and
 * what it hardly moves: wall time, CPU time and the Java heap the work allocated, with the units of work done.
 * A plugin asks its context for one timer per kind of region and reports {@link #measurements()}:
 *
 * <pre>{@code
 * Timer epochs = context.timer("epoch", "event");
 * for (int i = 0; i < warmup + iterations; i++) {
 *     try (Timer.Sample sample = i < warmup ? epochs.warmup() : epochs.start()) {
 *         sample.units(runEpoch(sample.worker()));   // worker threads report each unit of their work
 *     }
 * }
 * builder.addAll(epochs.measurements());
 * }</pre>
 *
 * <p>Per measured sample it records the {@linkplain Figure figures} below, each a metric named
 * {@code <timer>.<figure>} ({@code epoch.cpu_time}, {@code epoch.events_per_cpu_second}):
 * <ul>
 *   <li>wall time, the only figure a user waits for, and the one another process on the machine slows most;</li>
 *   <li>the process's CPU time over the region (every thread, the JVM's own and native ones such as libtorch's,
 *       read from the operating system at its clock tick, 10 ms on Linux: use regions of a few hundred ms);</li>
 *   <li>the work's thread CPU time, to the nanosecond: the measuring thread's, plus that of every thread that
 *       reported a unit of work through {@link Sample#workDone(long)} (a loader's decode and collate threads);</li>
 *   <li>the Java heap allocated by those same threads, which depends on the code and its input alone;</li>
 *   <li>with a unit of work: units per wall second, units per CPU second and bytes allocated per unit.</li>
 * </ul>
 *
 * <p>The runner's calibration ({@code runner calibrate --inject-slowdown P%}) slows the work here: each unit a
 * worker reports, and a sample in which no unit was reported as a whole, is followed by a busy spin of P% of its
 * elapsed time on the thread that did it, inside the region, so wall and CPU time grow as with slower code. A plugin
 * that times through a timer needs no other hook.
 *
 * <p>{@link Sample#units}, {@link Sample#workDone} and {@link Sample#worker()} may be called from any thread;
 * {@link #start()}, {@link #warmup()} and {@link Sample#close()} belong to the measuring thread.
 *
 * @since SPI 1.3
 */
public final class Timer {

    /** What a timer records per sample; each becomes the metric {@code <timer>.<name>}. */
    public enum Figure {
        /** Elapsed time of the region. */
        WALL_TIME,
        /** The process's CPU time over the region, every thread. */
        CPU_TIME,
        /** CPU time of the measuring thread and of the threads that reported work. */
        THREAD_CPU_TIME,
        /** Java heap allocated by the measuring thread and the threads that reported work. */
        ALLOCATED,
        /** Units of work per wall second; only with a unit. */
        UNITS_PER_SECOND,
        /** Units of work per second of the process's CPU time; only with a unit. */
        UNITS_PER_CPU_SECOND,
        /** Java heap allocated per unit of work; only with a unit. */
        ALLOCATED_PER_UNIT;

        boolean perUnit() {
            return this == UNITS_PER_SECOND || this == UNITS_PER_CPU_SECOND || this == ALLOCATED_PER_UNIT;
        }
    }

    /** The innermost open sample of each thread, so that nested samples slow their work once. */
    private static final ThreadLocal<Sample> OPEN = new ThreadLocal<>();

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9_-]*");

    private final String name;
    private final String unit;
    private final double slowdown;
    private final List<double[]> samples = new ArrayList<>();
    private boolean missingUnits;
    /** Units of work reported per thread name, warm-up included: says where the work ran. */
    private final Map<String, java.util.concurrent.atomic.LongAdder> reportsByThread = new ConcurrentHashMap<>();
    /** Threads that reported work in an earlier sample: their clocks are read when a sample starts. */
    private final Set<Long> knownWorkers = ConcurrentHashMap.newKeySet();

    private Timer(String name, String unit, double slowdown) {
        this.name = check(name, "timer name");
        this.unit = unit == null ? null : check(unit, "unit of work");
        if (!(slowdown >= 0) || slowdown > 10) {
            throw new IllegalArgumentException("a slowdown must be between 0 and 10 (1000%), was " + slowdown);
        }
        this.slowdown = slowdown;
    }

    private static String check(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value
                    + "' must be lower case letters, digits, '_' or '-', starting with a letter, such as 'event'");
        }
        return value;
    }

    /**
     * A timer of regions named {@code name} whose work is counted in {@code unit}s ({@code event}, {@code batch};
     * singular), or in nothing when {@code unit} is null.
     */
    public static Timer of(String name, String unit) {
        return new Timer(name, unit, 0);
    }

    /**
     * A timer that slows every unit of work by {@code slowdown} (a fraction, 0.1 for 10%): for runners and test kits
     * implementing {@link PluginContext#timer}, not for plugins.
     */
    public static Timer slowed(String name, String unit, double slowdown) {
        return new Timer(name, unit, slowdown);
    }

    /**
     * The metrics a timer of this name and unit reports, in {@link Figure} order, leaving out {@code except} (figures
     * a plugin reports under names of its own): for {@link BenchmarkPlugin#metrics()}.
     */
    public static List<Metric> metricsOf(String name, String unit, Figure... except) {
        Timer timer = Timer.of(name, unit);
        return timer.reported(except).stream().map(timer::metric).toList();
    }

    private List<Figure> reported(Figure... except) {
        Set<Figure> figures = figures();
        Arrays.asList(except).forEach(figures::remove);
        return List.copyOf(figures);
    }

    public String name() {
        return name;
    }

    /** The figures this timer reports: all of them with a unit, the first four without. */
    public Set<Figure> figures() {
        EnumSet<Figure> figures = EnumSet.allOf(Figure.class);
        if (unit == null) {
            figures.removeIf(Figure::perUnit);
        }
        return figures;
    }

    /** The metric a figure is reported as. */
    public Metric metric(Figure figure) {
        return describe(figure).on(switch (figure) {
            case WALL_TIME, UNITS_PER_SECOND -> Metric.Basis.WALL;
            case CPU_TIME, THREAD_CPU_TIME, UNITS_PER_CPU_SECOND -> Metric.Basis.CPU;
            case ALLOCATED, ALLOCATED_PER_UNIT -> Metric.Basis.COUNT;
        });
    }

    private Metric describe(Figure figure) {
        String plural = unit == null ? "" : plural(unit);
        return switch (figure) {
            case WALL_TIME -> Metric.lowerIsBetter(name + ".wall_time", Unit.MILLISECONDS,
                    "elapsed time of one " + name + " (the machine's load moves it most)");
            case CPU_TIME -> Metric.lowerIsBetter(name + ".cpu_time", Unit.MILLISECONDS,
                    "the process's CPU time over one " + name + ", every thread (10 ms clock tick)");
            case THREAD_CPU_TIME -> Metric.lowerIsBetter(name + ".thread_cpu_time", Unit.MILLISECONDS,
                    "CPU time of the threads doing one " + name + "'s work (Java threads, to the ns)");
            case ALLOCATED -> Metric.lowerIsBetter(name + ".allocated", Unit.BYTES,
                    "Java heap allocated by the threads doing one " + name + "'s work");
            case UNITS_PER_SECOND -> Metric.higherIsBetter(name + "." + plural + "_per_second",
                    Unit.of(plural + "/s"), plural + " per wall second, per " + name);
            case UNITS_PER_CPU_SECOND -> Metric.higherIsBetter(name + "." + plural + "_per_cpu_second",
                    Unit.of(plural + "/cpu-s"), plural + " per second of the process's CPU time, per " + name);
            case ALLOCATED_PER_UNIT -> Metric.lowerIsBetter(name + ".allocated_per_" + unit, Unit.of("B/" + unit),
                    "Java heap allocated per " + unit + ", per " + name);
        };
    }

    /** {@code event} → {@code events}, {@code batch} → {@code batches}. */
    static String plural(String unit) {
        return unit.matches(".*(s|x|z|ch|sh)") ? unit + "es" : unit + "s";
    }

    /** Starts a measured sample; close it right after the work. */
    public Sample start() {
        return new Sample(true);
    }

    /**
     * Starts a warm-up sample: the same work, slowed the same way during calibration, but not recorded.
     */
    public Sample warmup() {
        return new Sample(false);
    }

    /**
     * How many units of work each thread, by name, reported through {@link Sample#workDone}, over every sample and
     * warm-up: a plugin's test can check that its workers report their own work, which their clocks and the
     * injected slowdown depend on.
     */
    public Map<String, Long> unitsReportedByThread() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        reportsByThread.forEach((thread, count) -> counts.put(thread, count.sum()));
        return counts;
    }

    /** How many measured samples have been closed. */
    public int sampleCount() {
        return samples.size();
    }

    /** The measured samples of one figure, in the order they were taken. */
    public double[] samples(Figure figure) {
        if (missingUnits) {
            throw new IllegalStateException("timer '" + name + "' counts " + plural(unit)
                    + ", and a measured sample reported none: call units(n) before closing it");
        }
        if (!figures().contains(figure)) {
            throw new IllegalArgumentException("timer '" + name + "' has no unit of work, so no " + figure);
        }
        return samples.stream().mapToDouble(sample -> sample[figure.ordinal()]).toArray();
    }

    /**
     * Every figure's samples as measurements, in {@link Figure} order, leaving out {@code except}: the figures a
     * plugin reports under names of its own (a {@code sort_time} that is the sort's wall time, say).
     */
    public List<Measurement> measurements(Figure... except) {
        return reported(except).stream().map(figure -> new Measurement(metric(figure), samples(figure))).toList();
    }

    /**
     * One timed region. The clocks are read when it is created and when it is closed; closing twice is harmless.
     */
    public final class Sample implements AutoCloseable {

        private final boolean measured;
        private final Thread owner = Thread.currentThread();
        /** Thread id → {allocated bytes, cpu ns} at the start, for the threads that did earlier samples' work. */
        private final Map<Long, long[]> atStart;
        /** Threads with a higher id were started during the sample: their clocks count from 0. */
        private final long lastThreadId;
        /** Thread id → its clocks at its first report, for a thread that was alive before but never reported. */
        private final Map<Long, long[]> firstSeen = new ConcurrentHashMap<>();
        /** Thread id → the latest {allocated, cpu} a worker reported, as a difference from its start. */
        private final Map<Long, long[]> workers = new ConcurrentHashMap<>();
        private volatile long units;
        private volatile boolean unitReported;
        private boolean closed;
        private final long startAllocated;
        private final long startThreadCpu;
        private final long startProcessCpu;
        private final long startWall;
        private double[] figures;
        /** The sample this one is nested in on the same thread (a batch inside a pass), or null. */
        private final Sample outer;

        private Sample(boolean measured) {
            this.measured = measured;
            this.outer = OPEN.get();
            OPEN.set(this);
            this.lastThreadId = Clocks.lastThreadId();
            this.atStart = Clocks.of(knownWorkers);
            knownWorkers.retainAll(atStart.keySet()); // the dead have nothing more to report
            this.startAllocated = Clocks.currentAllocated();
            this.startThreadCpu = Clocks.currentThreadCpu();
            this.startProcessCpu = Clocks.processCpu();
            this.startWall = System.nanoTime();
        }

        /** The units of work this sample did, such as the events of an epoch. The last call wins. */
        public Sample units(long count) {
            if (count < 0) {
                throw new IllegalArgumentException("a sample's units of work cannot be negative, was " + count);
            }
            units = count;
            return this;
        }

        /**
         * Called right after each unit of the sample's work on the thread that did it, with the unit's elapsed
         * time: counts that thread's CPU time and allocations in the sample and, during calibration, slows the
         * unit. Calls from the measuring thread only slow (its clocks are read anyway). Thread-safe.
         */
        public void workDone(long elapsedNanos) {
            unitReported = true;
            reportsByThread.computeIfAbsent(Thread.currentThread().getName(),
                    key -> new java.util.concurrent.atomic.LongAdder()).increment();
            spin(elapsedNanos);
            Thread thread = Thread.currentThread();
            if (thread == owner) {
                return;
            }
            long id = thread.getId();
            long[] now = {Clocks.currentAllocated(), Clocks.currentThreadCpu()};
            long[] start = atStart.get(id);
            if (start == null) {
                // Started during the sample: all its work is the sample's. Alive before, and new to this timer:
                // its clocks count from this first report (the unit just done is lost), and from the start of
                // the next sample on.
                start = id > lastThreadId ? Clocks.ZERO : firstSeen.computeIfAbsent(id, key -> now);
                knownWorkers.add(id);
            }
            workers.put(id, new long[] {now[0] - start[0], now[1] - start[1]});
        }

        /** {@link #workDone(long)} as a hook, for code that takes a {@code LongConsumer} per unit of work. */
        public LongConsumer worker() {
            return this::workDone;
        }

        /** Wall time so far, or of the whole sample once closed, in nanoseconds. */
        public long elapsedNanos() {
            return figures != null ? (long) (figures[Figure.WALL_TIME.ordinal()] * 1e6) : System.nanoTime() - startWall;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("timer '" + name + "': close a sample on the thread that started it");
            }
            closed = true;
            OPEN.set(outer);
            if (!unitReported) {
                spin(System.nanoTime() - startWall);
            }
            if (outer != null) {
                // The work was slowed here already: the enclosing sample must not slow it again.
                outer.unitReported = true;
            }
            long wall = System.nanoTime() - startWall;
            long processCpu = Clocks.processCpu() - startProcessCpu;
            long threadCpu = Clocks.currentThreadCpu() - startThreadCpu;
            long allocated = Clocks.currentAllocated() - startAllocated;
            for (long[] worker : workers.values()) {
                allocated += worker[0];
                threadCpu += worker[1];
            }
            double[] values = new double[Figure.values().length];
            values[Figure.WALL_TIME.ordinal()] = wall / 1e6;
            values[Figure.CPU_TIME.ordinal()] = processCpu / 1e6;
            values[Figure.THREAD_CPU_TIME.ordinal()] = threadCpu / 1e6;
            values[Figure.ALLOCATED.ordinal()] = allocated;
            long done = units;
            values[Figure.UNITS_PER_SECOND.ordinal()] = wall > 0 ? done / (wall / 1e9) : 0;
            // A region shorter than the process clock's tick can read 0 CPU: the thread clock is the floor then.
            long cpu = Math.max(processCpu, threadCpu);
            values[Figure.UNITS_PER_CPU_SECOND.ordinal()] = cpu > 0 ? done / (cpu / 1e9) : 0;
            values[Figure.ALLOCATED_PER_UNIT.ordinal()] = done > 0 ? (double) allocated / done : 0;
            figures = values;
            if (measured) {
                // Told when the figures are asked for: a close in a finally block must not hide the exception
                // that ended the work.
                missingUnits |= unit != null && done == 0;
                samples.add(values);
            }
        }

        /** This sample's figure; only once closed. */
        public double figure(Figure figure) {
            if (figures == null) {
                throw new IllegalStateException("timer '" + name + "': a sample's figures exist once it is closed");
            }
            return figures[figure.ordinal()];
        }

        private void spin(long elapsedNanos) {
            if (slowdown == 0 || elapsedNanos <= 0) {
                return;
            }
            long deadline = System.nanoTime() + (long) (elapsedNanos * slowdown);
            while (System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
            }
        }
    }
}
