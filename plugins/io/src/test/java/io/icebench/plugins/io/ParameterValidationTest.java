package io.icebench.plugins.io;

import io.icebench.spi.Parameters;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParameterValidationTest {

    private final IoPlugin plugin = new IoPlugin();

    @Test
    void theDefaultsAreAccepted() {
        assertThatCode(() -> plugin.validate(Parameters.defaults(plugin.parameters()))).doesNotThrowAnyException();
    }

    @Test
    void zeroFilesIsRejectedNamingTheParameterTheValueAndTheRange() {
        assertThatThrownBy(() -> validate("max_files", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'max_files' has value '0'; accepted: 1 or more");
    }

    @Test
    void zeroRepetitionsIsRejectedNamingTheParameterTheValueAndTheRange() {
        assertThatThrownBy(() -> validate("repetitions", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'repetitions' has value '0'; accepted: 1 or more");
    }

    @Test
    void fewerThanFiveHistogramBinsAreRejected() {
        assertThatThrownBy(() -> validate("histogram_bins", "4"))
                .hasMessage("parameter 'histogram_bins' has value '4'; accepted: 5 or more");
    }

    @Test
    void negativeThreadsAreRejectedAndZeroMeansTheProcessors() {
        assertThatThrownBy(() -> validate("threads", "-1"))
                .hasMessage("parameter 'threads' has value '-1'; accepted: 0 (the available processors) to 1024");
        assertThatCode(() -> validate("threads", "0")).doesNotThrowAnyException();
    }

    @Test
    void aMessageIsOneLine() {
        assertThatThrownBy(() -> validate("max_files", "-3")).satisfies(e -> org.assertj.core.api.Assertions
                .assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private void validate(String name, String value) {
        plugin.validate(Parameters.resolve(plugin.parameters(), Map.of(name, value)));
    }
}
