package io.icebench.model;

/**
 * Shape of a T1 model.
 *
 * @param dModel    embedding width
 * @param heads     attention heads; must divide {@code dModel}
 * @param layers    pre-norm transformer layers
 * @param ffnDim    hidden width of the feed-forward block
 * @param maxSeqLen positions per packed sequence (full mask) and the longest segment a DOM is split into (both)
 * @param seed      seed of the weight initialisation: same seed, same weights, whatever the strategy
 */
public record T1Config(int dModel, int heads, int layers, int ffnDim, int maxSeqLen, long seed) {

    public T1Config {
        positive("dModel", dModel);
        positive("heads", heads);
        positive("layers", layers);
        positive("ffnDim", ffnDim);
        positive("maxSeqLen", maxSeqLen);
        if (dModel % heads != 0) {
            throw new IllegalArgumentException("dModel " + dModel + " must be divisible by heads " + heads);
        }
    }

    /** The defaults: dModel 128, 8 heads, 2 layers, FFN 4×dModel, sequences of 512. */
    public static T1Config defaults(long seed) {
        return of(128, 8, 2, 512, seed);
    }

    /** A config with {@code ffnDim = 4 · dModel}. */
    public static T1Config of(int dModel, int heads, int layers, int maxSeqLen, long seed) {
        return new T1Config(dModel, heads, layers, 4 * dModel, maxSeqLen, seed);
    }

    public int headDim() {
        return dModel / heads;
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
