package io.icebench.plugins.forward;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.icebench.model.T1Model;
import io.icebench.spi.Timer;

import java.util.SplittableRandom;

/**
 * An {@code n×n @ n×n} fp32 multiply on the PyTorch engine, kept ready between passes so that its rate is
 * measured right after each one, under the same conditions.
 */
final class MatmulYardstick implements AutoCloseable {
    private final NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
    private final NDArray a;
    private final NDArray b;
    private final double flops;

    MatmulYardstick(int n) {
        T1Model.inferenceMode();
        SplittableRandom random = new SplittableRandom(42);
        float[] values = new float[n * n];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble();
        }
        a = manager.create(values, new Shape(n, n));
        b = manager.create(values, new Shape(n, n)).transpose().duplicate();
        flops = 2.0 * n * n * n;
    }

    /** {@code samples} GFLOP/s figures, each one multiply timed by {@code timer}. */
    double[] gflops(Timer timer, int samples) {
        double[] out = new double[samples];
        for (int i = 0; i < samples; i++) {
            Timer.Sample sample = timer.start();
            try (sample) {
                a.matMul(b).close();
            }
            out[i] = flops / (sample.elapsedNanos() / 1e9) / 1e9;
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
