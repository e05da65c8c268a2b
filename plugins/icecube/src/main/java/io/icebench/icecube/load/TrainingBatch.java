package io.icebench.icecube.load;

import io.icebench.icecube.collate.ContinuousBatch;
import io.icebench.icecube.collate.DomBatch;

/**
 * One collated batch as the consumer receives it: exactly one of the two layouts is present.
 *
 * @param file       the file its events came from
 * @param events     events in the batch
 * @param pulses     pulses in the batch
 * @param continuous the continuous layout, or null
 * @param grouped    the DOM-grouped layout, or null
 */
public record TrainingBatch(int file, int events, int pulses, ContinuousBatch continuous, DomBatch grouped) {
}
