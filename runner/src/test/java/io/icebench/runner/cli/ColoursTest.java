package io.icebench.runner.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Help.Ansi;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ColoursTest {

    @Test
    void aDumbTerminalAndNoColorTurnColoursOff() {
        assertThat(Colours.wanted(Map.of("TERM", "dumb"))).isFalse();
        assertThat(Colours.wanted(Map.of("TERM", "xterm-256color", "NO_COLOR", "1"))).isFalse();
        assertThat(Colours.ansi(Map.of("TERM", "dumb"))).isEqualTo(Ansi.OFF);
    }

    @Test
    void otherwiseTheTerminalIsDetectedAsBefore() {
        assertThat(Colours.wanted(Map.of("TERM", "xterm-256color"))).isTrue();
        assertThat(Colours.wanted(Map.of())).isTrue();
        // no-color.org: set to an empty string, NO_COLOR asks for nothing.
        assertThat(Colours.wanted(Map.of("TERM", "xterm", "NO_COLOR", ""))).isTrue();
        assertThat(Colours.ansi(Map.of("TERM", "xterm"))).isEqualTo(Ansi.AUTO);
    }
}
