package io.icebench.runner.progress;

import io.icebench.runner.progress.Progresses.Display;
import io.icebench.spi.Progress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProgressesTest {

    private static final Map<String, String> TERMINAL = Map.of("TERM", "xterm-256color");

    @Test
    void autoDrawsABarOnlyOnATerminalOutsideCi() {
        assertThat(Progresses.choose(null, TERMINAL, true)).isEqualTo(Display.BAR);
        assertThat(Progresses.choose(null, Map.of(), true)).isEqualTo(Display.BAR);

        assertThat(Progresses.choose(null, TERMINAL, false)).as("no console: piped").isEqualTo(Display.LOG);
        assertThat(Progresses.choose(null, Map.of("TERM", "xterm", "CI", "true"), true)).isEqualTo(Display.LOG);
        assertThat(Progresses.choose(null, Map.of("TERM", "dumb"), true)).isEqualTo(Display.LOG);
        assertThat(Progresses.choose("auto", Map.of("CI", "1"), true)).isEqualTo(Display.LOG);
    }

    @Test
    void theModeIsHonouredPropertyFirstThenTheEnvironment() {
        assertThat(Progresses.choose("off", TERMINAL, true)).isEqualTo(Display.OFF);
        assertThat(Progresses.choose("LOG", TERMINAL, true)).isEqualTo(Display.LOG);
        assertThat(Progresses.choose("bar", Map.of("CI", "true"), false)).isEqualTo(Display.BAR);

        assertThat(Progresses.choose(null, Map.of(Progresses.ENVIRONMENT, "off"), true)).isEqualTo(Display.OFF);
        assertThat(Progresses.choose(null, Map.of(Progresses.ENVIRONMENT, "log", "TERM", "xterm"), true))
                .isEqualTo(Display.LOG);
        assertThat(Progresses.choose("bar", Map.of(Progresses.ENVIRONMENT, "off"), false)).isEqualTo(Display.BAR);
    }

    @Test
    void anUnknownModeFallsBackToAuto() {
        assertThat(Progresses.choose("sparkles", TERMINAL, true)).isEqualTo(Display.BAR);
        assertThat(Progresses.choose("sparkles", TERMINAL, false)).isEqualTo(Display.LOG);
        assertThatThrownBy(() -> ProgressMode.parse("sparkles")).hasMessageContaining("auto, bar, log, off");
        assertThat(ProgressMode.parse(" ")).isEqualTo(ProgressMode.AUTO);
    }

    @Test
    void offShowsNothingAndLogAndBarGiveTheirHandles() {
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(Progresses.start(Display.OFF, "t", 3, err)).isSameAs(Progress.NONE);
        try (Progress log = Progresses.start(Display.LOG, "t", 3, err)) {
            assertThat(log).isInstanceOf(LogProgress.class);
        }
    }

    @Test
    void theBarDrawsTaskNameAndCountOnTheGivenStream() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress bar = Progresses.start(Display.BAR, "generate-data: events", 4, err)) {
            assertThat(bar).isInstanceOf(BarProgress.class);
            bar.step(4);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("generate-data: events", "100%", "4/4");
    }
}
