package io.icebench.icecube.generate;

import io.icebench.icecube.Column;
import io.icebench.icecube.Split;
import io.icebench.icecube.parquet.WriteOptions;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GeneratorSettingsTest {

    @Test
    void of_gives_the_train_split_no_forced_extremes_and_kaggle_files() {
        GeneratorSettings settings = GeneratorSettings.of(20_000, 10_000, 42);

        assertThat(settings.split()).isEqualTo(Split.TRAIN);
        assertThat(settings.forcedExtremeEvents()).isZero();
        assertThat(settings.writeOptions()).isEqualTo(WriteOptions.kaggle());
        assertThat(settings.batches()).isEqualTo(2);
    }

    @Test
    void the_last_batch_holds_the_remaining_events() {
        GeneratorSettings settings = GeneratorSettings.of(25_001, 10_000, 1);

        assertThat(settings.batches()).isEqualTo(3);
        assertThat(settings.eventsInBatch(0)).isEqualTo(10_000);
        assertThat(settings.eventsInBatch(2)).isEqualTo(5_001);
        assertThatThrownBy(() -> settings.eventsInBatch(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchIndex must be in 0..2 for 25001 events of 10000 per batch, was 3");
    }

    @Test
    void events_must_be_positive() {
        assertThatThrownBy(() -> GeneratorSettings.of(0, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("events must be in 1..2000000000, was 0");
        assertThatThrownBy(() -> GeneratorSettings.of(3_000_000_000L, 10, 1))
                .hasMessage("events must be in 1..2000000000, was 3000000000");
    }

    @Test
    void events_per_batch_must_be_positive_and_at_most_a_million() {
        assertThatThrownBy(() -> GeneratorSettings.of(10, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("eventsPerBatch must be in 1..1000000, was 0");
        assertThatThrownBy(() -> GeneratorSettings.of(10, 1_000_001, 1))
                .hasMessage("eventsPerBatch must be in 1..1000000, was 1000001");
    }

    @Test
    void forced_extreme_events_must_be_between_zero_and_the_number_of_events() {
        assertThatThrownBy(() -> new GeneratorSettings(10, 5, 1, Split.TRAIN, -1, WriteOptions.kaggle()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("forcedExtremeEvents must be in 0..10 (at most one per event), was -1");
        assertThatThrownBy(() -> new GeneratorSettings(10, 5, 1, Split.TRAIN, 11, WriteOptions.kaggle()))
                .hasMessage("forcedExtremeEvents must be in 0..10 (at most one per event), was 11");
        assertThat(new GeneratorSettings(10, 5, 1, Split.TRAIN, 10, WriteOptions.kaggle()).forcedExtremeEvents())
                .isEqualTo(10);
    }

    @Test
    void split_and_write_options_are_required() {
        assertThatThrownBy(() -> new GeneratorSettings(10, 5, 1, null, 0, WriteOptions.kaggle()))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("split");
        assertThatThrownBy(() -> new GeneratorSettings(10, 5, 1, Split.TEST, 0, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("writeOptions");
    }

    @Test
    void the_cache_key_names_every_setting_and_the_generator_version() {
        GeneratorSettings settings = new GeneratorSettings(20_000, 10_000, 42, Split.TRAIN, 3, WriteOptions.kaggle());

        assertThat(DatasetGenerator.VERSION).isEqualTo(1);
        assertThat(settings.cacheKey()).isEqualTo("v1-train-e20000-b10000-s42-x3-snappy");
        assertThat(settings.withSplit(Split.TEST).cacheKey()).isEqualTo("v1-test-e20000-b10000-s42-x3-snappy");
        assertThat(GeneratorSettings.of(5, 5, -7).cacheKey()).isEqualTo("v1-train-e5-b5-s-7-x0-snappy");
    }

    @Test
    void the_cache_key_tells_apart_every_write_option_that_changes_the_files() {
        GeneratorSettings settings = GeneratorSettings.of(100, 50, 1);
        WriteOptions other = WriteOptions.kaggle().withCodec(CompressionCodecName.ZSTD).withDictionary(false)
                .withRowGroupRows(1_000).withOptional(false).withSensorIdInt16(false).withPageV2(true)
                .withColumnOrder(List.of(Column.EVENT_ID, Column.TIME, Column.SENSOR_ID, Column.CHARGE,
                        Column.AUXILIARY));

        assertThat(settings.withWriteOptions(other).cacheKey())
                .isEqualTo("v1-train-e100-b50-s1-x0-zstd-nodict-rg1000-cols-etsca-req-i32-pv2");
        assertThat(settings.withWriteOptions(WriteOptions.kaggle().withCodec(CompressionCodecName.UNCOMPRESSED))
                .cacheKey()).isEqualTo("v1-train-e100-b50-s1-x0-uncompressed");
        assertThat(settings.cacheKey()).matches("[A-Za-z0-9_-]+");
    }
}
