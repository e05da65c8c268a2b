package io.icebench.spi;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParametersTest {

    private static final List<ParameterSpec> SPECS = List.of(
            ParameterSpec.of("batch_size", ParameterSpec.Type.INT, 32, "events per batch"),
            ParameterSpec.of("max_seq_len", ParameterSpec.Type.INT_LIST, "256,512,1024", "sequence lengths"),
            ParameterSpec.of("warmup", ParameterSpec.Type.DURATION, "2s", "warm-up time"),
            ParameterSpec.of("shuffle", ParameterSpec.Type.BOOLEAN, false, "shuffle events"));

    @Test
    void configuredValuesOverrideDefaultsAndAreTyped() {
        Parameters parameters = Parameters.resolve(SPECS, Map.of("batch_size", "64", "shuffle", "true"));

        assertThat(parameters.getInt("batch_size")).isEqualTo(64);
        assertThat(parameters.getBoolean("shuffle")).isTrue();
        assertThat(parameters.getIntList("max_seq_len")).containsExactly(256, 512, 1024);
        assertThat(parameters.getDuration("warmup")).isEqualTo(Duration.ofSeconds(2));
        assertThat(parameters.asText()).containsEntry("batch_size", "64").containsEntry("warmup", "2s");
    }

    @Test
    void anUnknownKeyIsRejectedListingTheDeclaredOnes() {
        assertThatThrownBy(() -> Parameters.resolve(SPECS, Map.of("batchsize", "64")))
                .hasMessage("unknown parameter 'batchsize'; known: batch_size, max_seq_len, warmup, shuffle");
    }

    @Test
    void aWholeNumberBeyondAnIntIsOutOfRangeWithTheRangeNotNotAWholeNumber() {
        assertThatThrownBy(() -> Parameters.resolve(SPECS, Map.of("batch_size", "99999999999999")))
                .hasMessage("parameter 'batch_size' has value '99999999999999', which is out of range for a whole"
                        + " number (int): write one from -2147483648 to 2147483647");
        assertThatThrownBy(() -> Parameters.resolve(SPECS, Map.of("batch_size", "-2147483649")))
                .hasMessageContaining("is out of range for a whole number (int)");
        assertThat(Parameters.resolve(SPECS, Map.of("batch_size", "2147483647")).getInt("batch_size"))
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aLongBeyondALongAndAListItemBeyondAnIntAreOutOfRangeToo() {
        List<ParameterSpec> specs = List.of(ParameterSpec.of("seed", ParameterSpec.Type.LONG, 1, "seed"),
                ParameterSpec.of("max_seq_len", ParameterSpec.Type.INT_LIST, "256", "lengths"));

        assertThatThrownBy(() -> Parameters.resolve(specs, Map.of("seed", "99999999999999999999")))
                .hasMessage("parameter 'seed' has value '99999999999999999999', which is out of range for a whole"
                        + " number (long): write one from -9223372036854775808 to 9223372036854775807");
        assertThatThrownBy(() -> Parameters.resolve(specs, Map.of("max_seq_len", "[256, 9999999999]")))
                .hasMessage("parameter 'max_seq_len' has value '[256, 9999999999]', whose item 9999999999 is out of"
                        + " range for a whole number (int): write one from -2147483648 to 2147483647");
    }

    @Test
    void aFractionIsStillNotAWholeNumber() {
        assertThatThrownBy(() -> Parameters.resolve(SPECS, Map.of("batch_size", "1.5")))
                .hasMessage("parameter 'batch_size' has value '1.5', which is not a whole number (int)");
    }

    @Test
    void aValueOfTheWrongTypeIsRejectedQuotingIt() {
        assertThatThrownBy(() -> Parameters.resolve(SPECS, Map.of("shuffle", "yes")))
                .hasMessage("parameter 'shuffle' has value 'yes', which is not true or false");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        assertThat(Parameters.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Parameters.parseDuration("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Parameters.parseDuration("PT30S")).isEqualTo(Duration.ofSeconds(30));
    }
}
