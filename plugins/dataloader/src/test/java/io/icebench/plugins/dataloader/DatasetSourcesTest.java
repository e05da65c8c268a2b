package io.icebench.plugins.dataloader;

import io.icebench.icecube.DefaultDataset;
import io.icebench.icecube.PulseBatch;
import io.icebench.icecube.collate.EventSource;
import io.icebench.icecube.read.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetSourcesTest {

    private final Dataset dataset = Dataset.open(DefaultDataset.location(Optional.empty()));

    @Test
    void aFileTheLoaderReleasedIsDecodedAgainIntoTheSameArraysWithEveryValueRewritten() throws Exception {
        DatasetSources sources = new DatasetSources(dataset, 2);
        EventSource first = sources.load(0);
        PulseBatch pulses = first.pulses();
        long[] time = pulses.time().clone();
        double[] charge = pulses.charge().clone();
        short[] sensor = pulses.sensorId().clone();
        boolean[] auxiliary = pulses.auxiliary().clone();

        sources.release(0, first);
        assertThat(sources.spareBytes()).isEqualTo(pulses.bytes());
        // whatever a consumer left in them, the next decode overwrites
        Arrays.fill(pulses.time(), -1);
        Arrays.fill(pulses.charge(), Double.NaN);
        Arrays.fill(pulses.sensorId(), (short) -1);
        Arrays.fill(pulses.auxiliary(), true);
        EventSource again = sources.load(0, nanos -> { });

        assertThat(again.pulses().time()).isSameAs(pulses.time()).isEqualTo(time);
        assertThat(again.pulses().charge()).isSameAs(pulses.charge()).isEqualTo(charge);
        assertThat(again.pulses().sensorId()).isSameAs(pulses.sensorId()).isEqualTo(sensor);
        assertThat(again.pulses().auxiliary()).isSameAs(pulses.auxiliary()).isEqualTo(auxiliary);
        assertThat(sources.spareBytes()).isZero();
    }

    @Test
    void anotherFileGetsArraysOfItsOwnAndReleasesBeyondTheBudgetAreNotKept() throws Exception {
        DatasetSources sources = new DatasetSources(dataset, 2);
        EventSource first = sources.load(0);
        sources.release(0, first);

        EventSource second = sources.load(1);
        assertThat(second.pulses().time()).isNotSameAs(first.pulses().time());
        assertThat(sources.spareBytes()).isEqualTo(first.pulses().bytes());

        DatasetSources small = new DatasetSources(dataset, 2, first.pulses().bytes() - 1);
        small.release(0, first);
        assertThat(small.spareBytes()).isZero();
        assertThat(small.load(0).pulses().time()).isNotSameAs(first.pulses().time());
    }
}
