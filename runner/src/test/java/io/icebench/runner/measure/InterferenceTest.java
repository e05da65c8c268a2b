package io.icebench.runner.measure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@EnabledOnOs(OS.LINUX)
class InterferenceTest {

    @Test
    void anotherProcessBurningACoreIsSeenAsOtherProcessesCpu() throws Exception {
        Interference.Probe probe = Interference.start();
        Process yes = new ProcessBuilder("sh", "-c", "exec yes > /dev/null").start();
        Optional<Interference.Figures> figures;
        try {
            Thread.sleep(1500);
            // Before the process ends: once reaped, a child's CPU time is this process's own (as a fork's is).
            figures = probe.stop();
        } finally {
            yes.destroy();
            yes.waitFor();
        }

        assertThat(figures).isPresent();
        assertThat(figures.get().cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        // one process spinning on a core for most of the window: a share of the machine of about 1/cpus
        assertThat(figures.get().othersShare()).isGreaterThan(0.5 / figures.get().cpus());
        assertThat(figures.get().runQueue()).isGreaterThanOrEqualTo(1);
        assertThat(figures.get().asProperties()).containsKeys("icebench.interference.others_cpu",
                "icebench.interference.steal", "icebench.interference.run_queue",
                "icebench.interference.load_average");
    }
}
