package io.icebench.icecube.generate;

/**
 * What {@link DatasetGenerator#generate} wrote.
 *
 * @param events        events in the dataset
 * @param pulses        pulses (rows) over all batch files
 * @param batches       batch files
 * @param seconds       wall-clock time of the whole generation, writing included
 * @param extremeEvents events with at least 50,000 pulses, forced or natural
 */
public record GenerationSummary(long events, long pulses, int batches, double seconds, long extremeEvents) {

    /** Pulses generated and written per second of wall-clock time. */
    public double pulsesPerSecond() {
        return seconds > 0 ? pulses / seconds : Double.POSITIVE_INFINITY;
    }
}
