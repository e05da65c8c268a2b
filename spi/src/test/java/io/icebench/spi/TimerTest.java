package io.icebench.spi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimerTest {

    /** Keeps allocations from being optimised away. */
    static volatile Object sink;

    private static void allocate(int arrays, int bytesEach) {
        for (int i = 0; i < arrays; i++) {
            sink = new byte[bytesEach];
        }
    }

    private static void spinFor(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    private static List<Double> boxed(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    @Test
    void aTimerWithAUnitReportsEveryFigureAsAMetricNamedAfterIt() {
        assertThat(Timer.metricsOf("epoch", "event")).extracting(Metric::name).containsExactly(
                "epoch.wall_time", "epoch.cpu_time", "epoch.thread_cpu_time", "epoch.allocated",
                "epoch.events_per_second", "epoch.events_per_cpu_second", "epoch.allocated_per_event");
        assertThat(Timer.metricsOf("pass", "batch")).extracting(Metric::name).contains("pass.batches_per_second");
        assertThat(Timer.metricsOf("sort", null, Timer.Figure.WALL_TIME)).extracting(Metric::name)
                .containsExactly("sort.cpu_time", "sort.thread_cpu_time", "sort.allocated");
    }

    @Test
    void eachFigureSaysWhatItIsMeasuredWithSoABusyMachineIsJudgedFairly() {
        Timer timer = Timer.of("epoch", "event");
        assertThat(timer.metric(Timer.Figure.WALL_TIME).basis()).isEqualTo(Metric.Basis.WALL);
        assertThat(timer.metric(Timer.Figure.UNITS_PER_SECOND).basis()).isEqualTo(Metric.Basis.WALL);
        assertThat(timer.metric(Timer.Figure.THREAD_CPU_TIME).basis()).isEqualTo(Metric.Basis.CPU);
        assertThat(timer.metric(Timer.Figure.UNITS_PER_CPU_SECOND).basis()).isEqualTo(Metric.Basis.CPU);
        assertThat(timer.metric(Timer.Figure.ALLOCATED_PER_UNIT).basis()).isEqualTo(Metric.Basis.COUNT);
        assertThat(timer.metric(Timer.Figure.WALL_TIME).direction()).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(timer.metric(Timer.Figure.UNITS_PER_CPU_SECOND).direction()).isEqualTo(Direction.HIGHER_IS_BETTER);
    }

    @Test
    void onlyMeasuredSamplesAreRecordedAndTheyCountTheMeasuringThreadsAllocations() {
        Timer timer = Timer.of("step", "array");
        try (Timer.Sample warmup = timer.warmup()) {
            allocate(10, 1 << 20);
            warmup.units(10);
        }
        for (int i = 0; i < 3; i++) {
            try (Timer.Sample sample = timer.start()) {
                allocate(8, 1 << 20);
                sample.units(8);
            }
        }

        assertThat(timer.sampleCount()).isEqualTo(3);
        // 8 MiB of arrays per sample, and not much else: the thread's own allocation counter
        assertThat(boxed(timer.samples(Timer.Figure.ALLOCATED))).allSatisfy(bytes ->
                assertThat(bytes).isBetween(8.0 * (1 << 20), 8.5 * (1 << 20)));
        assertThat(boxed(timer.samples(Timer.Figure.ALLOCATED_PER_UNIT))).allSatisfy(bytes ->
                assertThat(bytes).isBetween(1.0 * (1 << 20), 1.07 * (1 << 20)));
        assertThat(timer.measurements()).hasSize(7).allSatisfy(m -> assertThat(m.sampleCount()).isEqualTo(3));
    }

    @Test
    void theWorkOfThreadsThatReportItCountsInTheSample() throws Exception {
        Timer timer = Timer.of("epoch", "event");
        try (Timer.Sample sample = timer.start()) {
            // Started inside the sample, like a loader's workers: their clocks count from zero.
            Thread[] workers = new Thread[2];
            for (int w = 0; w < workers.length; w++) {
                workers[w] = new Thread(() -> {
                    for (int unit = 0; unit < 4; unit++) {
                        long start = System.nanoTime();
                        allocate(1, 1 << 20);
                        spinFor(2_000_000);
                        sample.workDone(System.nanoTime() - start);
                    }
                }, "worker-" + w);
                workers[w].start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            sample.units(8);
        }

        // 2 workers × 4 units × 1 MiB, on threads other than this one
        assertThat(timer.samples(Timer.Figure.ALLOCATED)[0]).isBetween(8.0 * (1 << 20), 9.0 * (1 << 20));
        // each unit spun 2 ms of its own thread's CPU: 16 ms in all, though this thread only waited
        assertThat(timer.samples(Timer.Figure.THREAD_CPU_TIME)[0]).isGreaterThanOrEqualTo(10.0);
        assertThat(timer.unitsReportedByThread()).isEqualTo(Map.of("worker-0", 4L, "worker-1", 4L));
    }

    @Test
    void aSlowedTimerSpinsAfterEachReportedUnitOnTheThreadThatDidIt() throws Exception {
        Timer timer = Timer.slowed("epoch", "event", 1.0);
        try (Timer.Sample sample = timer.start()) {
            Thread worker = new Thread(() -> {
                long start = System.nanoTime();
                spinFor(20_000_000);
                sample.workDone(System.nanoTime() - start);
            });
            worker.start();
            worker.join();
            sample.units(1);
        }

        // 20 ms of work and at least 20 ms of spin after it, on the worker
        assertThat(timer.samples(Timer.Figure.WALL_TIME)[0]).isGreaterThanOrEqualTo(40.0);
        assertThat(timer.samples(Timer.Figure.THREAD_CPU_TIME)[0]).isGreaterThan(0.0);
    }

    @Test
    void aSampleWithoutReportedUnitsIsSlowedAsAWholeAndANestedOneOnlyOnce() {
        Timer outer = Timer.slowed("pass", null, 2.0);
        Timer inner = Timer.slowed("batch", null, 2.0);
        try (Timer.Sample pass = outer.start()) {
            try (Timer.Sample batch = inner.start()) {
                spinFor(30_000_000);
            }
        }

        // the batch: 30 ms of work and twice that spun after it
        assertThat(inner.samples(Timer.Figure.WALL_TIME)[0]).isGreaterThanOrEqualTo(90.0);
        // the pass around it is not slowed again: 90 ms and a little, not 270
        assertThat(outer.samples(Timer.Figure.WALL_TIME)[0]).isLessThan(200.0);
    }

    @Test
    void aMeasuredSampleWithoutUnitsIsRefusedWhenItsFiguresAreAskedFor() {
        Timer timer = Timer.of("epoch", "event");
        try (Timer.Sample sample = timer.start()) {
            sink = "no units reported";
        }

        assertThatThrownBy(timer::measurements).isInstanceOf(IllegalStateException.class)
                .hasMessage("timer 'epoch' counts events, and a measured sample reported none: call units(n) before"
                        + " closing it");
    }

    @Test
    void aTimerWithoutAUnitHasNoPerUnitFigures() {
        Timer timer = Timer.of("sort", null);
        try (Timer.Sample sample = timer.start()) {
            sink = new long[1000];
        }

        assertThat(timer.measurements()).extracting(m -> m.metric().name())
                .containsExactly("sort.wall_time", "sort.cpu_time", "sort.thread_cpu_time", "sort.allocated");
        assertThatThrownBy(() -> timer.samples(Timer.Figure.UNITS_PER_SECOND))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no unit of work");
    }

    @Test
    void badNamesAreRefusedWithTheRule() {
        assertThatThrownBy(() -> Timer.of("Epoch", "event")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timer name 'Epoch' must be lower case");
        assertThatThrownBy(() -> Timer.slowed("epoch", "event", -0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and 10");
        assertThat(Timer.plural("batch")).isEqualTo("batches");
        assertThat(Timer.plural("pulse")).isEqualTo("pulses");
    }

    @Test
    void theYardsticksCpuTimeIsCloseToItsWallTimeOnAnIdleThread() {
        Yardstick.Reading reading = Yardstick.sort();

        assertThat(reading.cpuMillis()).isPositive();
        assertThat(reading.wallMillis()).isGreaterThanOrEqualTo(reading.cpuMillis() * 0.9);
        assertThat(reading.wallOverCpu()).isGreaterThan(0.9);
    }

    @Test
    void theWarmupAndIterationConventionsAreCheckedForEveryPlugin() {
        List<ParameterSpec> specs = List.of(ParameterSpec.warmupIterations(2, "epochs"),
                ParameterSpec.iterations(5, "epochs"));

        assertThat(Parameters.defaults(specs).warmupIterations()).isEqualTo(2);
        assertThat(Parameters.defaults(specs).iterations()).isEqualTo(5);
        assertThat(specs.get(0).description()).isEqualTo("warm-up epochs, run and discarded first");
        assertThatThrownBy(() -> Parameters.resolve(specs, Map.of("warmup_iterations", "-1")))
                .hasMessage("parameter 'warmup_iterations' must be at least 0, was -1");
        assertThatThrownBy(() -> Parameters.resolve(specs, Map.of("iterations", "0")))
                .hasMessage("parameter 'iterations' must be at least 1, was 0");
    }
}
