package io.icebench.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.pytorch.jni.JniUtils;
import io.icebench.icecube.Geometry;
import io.icebench.icecube.collate.DomBatch;

import java.util.SplittableRandom;

/**
 * T1, the DOM-level transformer, written with NDArray operations on DJL's PyTorch engine (CPU, offline).
 *
 * <p>Per pulse, six features: {@code time/1e4} (ns), {@code log1p(charge)}, {@code auxiliary}, and the DOM's
 * {@code x/500, y/500, z/500} (m) from the geometry, go through a Linear layer to {@code dModel}. Then {@code layers}
 * pre-norm layers: {@code x += Wo·MHSA(LN(x))} with attention only among the pulses of the same DOM segment (a DOM
 * longer than {@code maxSeqLen} is cut into segments of at most {@code maxSeqLen} pulses, as the packer does), and
 * {@code x += W2·GELU(W1·LN(x))}. A final LN, then the mean over each DOM's pulses (all its segments): one
 * {@code dModel} vector per DOM.
 *
 * <p>Weights come from a {@link SplittableRandom} seeded by the config (Xavier-uniform matrices, small uniform
 * biases, LayerNorm 1/0), so two models with one seed are identical whatever the strategy. Every forward call
 * allocates its NDArrays in a child manager closed before it returns, and switches grad mode off on the calling
 * thread. Forwards on several threads may share one instance: the weights are only read.
 *
 * <h2>FLOPs ({@link #flops})</h2>
 * One multiply-add = 2 FLOPs; {@code R} = rows the per-row work runs on (bucketed: the pulses {@code P}; full mask:
 * {@code sequences · maxSeqLen}, padding included, since it is computed), {@code d = dModel}, {@code f = ffnDim}:
 * <pre>
 *   embedding   2 · R · 6 · d
 *   per layer   2 · R · (3d² + d² + 2·d·f)          QKV, output projection, FFN
 *             + 4 · d · Σ_groups n · L²             scores QKᵀ and weights·V over all heads (2·L²·d each)
 * </pre>
 * where full mask sums {@code L = maxSeqLen} over all sequences and bucketed sums its padded bucket lengths over
 * the multi-pulse segments (one-pulse segments: 0). LayerNorm, softmax, GELU, biases, masking and pooling are
 * element-wise, O(R·d), and not counted.
 */
public final class T1Model implements AutoCloseable {

    /** Features per pulse. */
    public static final int FEATURES = 6;
    /** System property PyTorch reads for its intra-op threads when the engine loads. */
    public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    private final T1Config config;
    private final float[] sensorX;
    private final float[] sensorY;
    private final float[] sensorZ;
    private final NDManager manager;
    private final NDArray embedWeight;
    private final NDArray embedBias;
    private final Layer[] layers;
    private final NDArray finalGamma;
    private final NDArray finalBeta;
    private volatile NDManager lastCallManager;

    private record Layer(NDArray ln1Gamma, NDArray ln1Beta, NDArray qkvWeight, NDArray qkvBias, NDArray outWeight,
                         NDArray outBias, NDArray ln2Gamma, NDArray ln2Beta, NDArray ffn1Weight, NDArray ffn1Bias,
                         NDArray ffn2Weight, NDArray ffn2Bias) {
    }

    public T1Model(T1Config config) {
        this(config, Geometry.embedded());
    }

    public T1Model(T1Config config, Geometry geometry) {
        this.config = config;
        sensorX = scaled(geometry.xs());
        sensorY = scaled(geometry.ys());
        sensorZ = scaled(geometry.zs());
        manager = Engine.getEngine("PyTorch").newBaseManager();
        manager.setName("t1-weights");
        SplittableRandom random = new SplittableRandom(config.seed());
        int d = config.dModel();
        int f = config.ffnDim();
        embedWeight = linearWeight(xavier(random, FEATURES, d), FEATURES, d, 0, 1);
        embedBias = manager.create(biases(random, d));
        layers = new Layer[config.layers()];
        // 1/sqrt(headDim) folded into the query columns of the QKV projection: one op less per attention group
        float scale = (float) (1.0 / Math.sqrt(config.headDim()));
        for (int l = 0; l < layers.length; l++) {
            NDArray qkvWeight = linearWeight(xavier(random, d, 3 * d), d, 3 * d, d, scale);
            float[] qkvBias = biases(random, 3 * d);
            for (int c = 0; c < d; c++) {
                qkvBias[c] *= scale;
            }
            layers[l] = new Layer(ones(d), zeros(d), qkvWeight, manager.create(qkvBias),
                    linearWeight(xavier(random, d, d), d, d, 0, 1), manager.create(biases(random, d)), ones(d),
                    zeros(d), linearWeight(xavier(random, d, f), d, f, 0, 1), manager.create(biases(random, f)),
                    linearWeight(xavier(random, f, d), f, d, 0, 1), manager.create(biases(random, d)));
        }
        finalGamma = ones(d);
        finalBeta = zeros(d);
    }

    /**
     * Sets PyTorch's intra-op threads: the system property (read if the engine is not loaded yet) and
     * {@code torch.set_num_threads} through {@link JniUtils#setNumThreads}. Process-wide.
     *
     * @param threads 0 for the available processors
     * @return the threads now in effect
     */
    public static int setIntraOpThreads(int threads) {
        int n = threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
        System.setProperty(THREADS_PROPERTY, String.valueOf(n));
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(n);
        return JniUtils.getNumThreads();
    }

    /** Switches autograd off on the calling thread (grad mode is per thread in PyTorch). */
    public static void inferenceMode() {
        JniUtils.setGradMode(false);
    }

    /** Whether autograd records on the calling thread. */
    public static boolean gradModeEnabled() {
        return JniUtils.isGradMode();
    }

    public T1Config config() {
        return config;
    }

    /**
     * One forward pass: the embedding of every DOM, {@code doms × dModel} floats, row-major in the batch's DOM order.
     */
    public float[] forward(DomBatch batch, AttentionStrategy strategy) {
        return run(batch, AttentionPlan.of(batch, strategy, config.maxSeqLen(), config.heads()));
    }

    /** FLOPs of one forward pass of {@code batch} with {@code strategy}; see the class comment for the formula. */
    public long flops(DomBatch batch, AttentionStrategy strategy) {
        return flops(config, AttentionPlan.of(batch, strategy, config.maxSeqLen(), config.heads()));
    }

    /** As {@link #flops(DomBatch, AttentionStrategy)}, without a model. */
    public static long flops(T1Config config, DomBatch batch, AttentionStrategy strategy) {
        return flops(config, AttentionPlan.of(batch, strategy, config.maxSeqLen(), config.heads()));
    }

    static long flops(T1Config config, AttentionPlan plan) {
        long r = plan.rows();
        long d = config.dModel();
        long f = config.ffnDim();
        long embedding = 2 * r * FEATURES * d;
        long perLayer = 2 * r * (3 * d * d + d * d + 2 * d * f) + 4 * d * plan.attentionSquares();
        return embedding + config.layers() * perLayer;
    }

    /** The per-call manager of the last forward pass (closed once it returned); for tests. */
    NDManager lastCallManager() {
        return lastCallManager;
    }

    /** The NDArrays held by the model itself (its weights). */
    public int weightArrays() {
        return manager.getManagedArrays().size();
    }

    private float[] run(DomBatch batch, AttentionPlan plan) {
        inferenceMode();
        int d = config.dModel();
        float[] rowsOut;
        try (NDManager call = manager.newSubManager()) {
            lastCallManager = call;
            NDArray input = call.create(features(batch, plan), new Shape(plan.rows(), FEATURES));
            NDArray x = linear(input, embedWeight, embedBias);
            input.close();
            for (Layer layer : layers) {
                NDArray h = norm(x, layer.ln1Gamma(), layer.ln1Beta());
                NDArray qkv = linear(h, layer.qkvWeight(), layer.qkvBias());
                h.close();
                NDArray context = attention(call, qkv, plan);
                qkv.close();
                NDArray projected = linear(context, layer.outWeight(), layer.outBias());
                context.close();
                x.addi(projected);
                projected.close();
                h = norm(x, layer.ln2Gamma(), layer.ln2Beta());
                NDArray hidden = linear(h, layer.ffn1Weight(), layer.ffn1Bias());
                h.close();
                NDArray activated = Activation.gelu(hidden);
                hidden.close();
                NDArray ffn = linear(activated, layer.ffn2Weight(), layer.ffn2Bias());
                activated.close();
                x.addi(ffn);
                ffn.close();
            }
            NDArray out = norm(x, finalGamma, finalBeta);
            if (plan.pulseRow() != null) {
                out = out.get(new NDIndex("{}", call.create(toLong(plan.pulseRow()))));
            }
            rowsOut = out.toFloatArray();
        }
        return meanPool(batch, rowsOut, d);
    }

    /**
     * {@code x·Wᵀ + b} as one kernel (PyTorch's {@code linear}, a GEMM with the bias as its addend), not a matMul
     * then an add: one JNI call and one pass over the output less per projection.
     */
    private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }

    private NDArray norm(NDArray x, NDArray gamma, NDArray beta) {
        return LayerNorm.layerNorm(x, new Shape(config.dModel()), gamma, beta, 1e-5f).singletonOrThrow();
    }

    /** Attention output per row, [rows, d], before the output projection. */
    private NDArray attention(NDManager call, NDArray qkv, AttentionPlan plan) {
        int d = config.dModel();
        int heads = config.heads();
        int dh = config.headDim();
        NDList parts = new NDList();
        for (AttentionPlan.Group group : plan.groups()) {
            int n = group.count();
            int length = group.length();
            NDArray rows = group.gather() != null
                    ? qkv.get(new NDIndex("{}", call.create(group.gather())))
                    : qkv.get(new NDIndex(group.firstRow() + ":" + (group.firstRow() + (long) n * length)));
            if (group.valueOnly()) {
                parts.add(rows.get(new NDIndex(":, " + 2 * d + ":")));
                continue;
            }
            // [n·L, 3d] -> [3, n, heads, L, dh]
            NDArray split = rows.reshape(n, length, 3, heads, dh).transpose(2, 0, 3, 1, 4);
            NDArray q = split.get(0); // already scaled by 1/sqrt(headDim): see the constructor
            NDArray k = split.get(1);
            NDArray v = split.get(2);
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));
            if (group.mask() != null) {
                Shape maskShape = group.fullMask() ? new Shape(n, 1, length, length) : new Shape(n, 1, 1, length);
                try (NDArray mask = call.create(group.mask(), maskShape)) {
                    scores.addi(mask);
                }
            }
            NDArray weights = scores.softmax(-1);
            scores.close();
            NDArray attended = weights.matMul(v);
            weights.close();
            q.close();
            parts.add(attended.transpose(0, 2, 1, 3).reshape(n * (long) length, d));
            attended.close();
            rows.close();
        }
        NDArray joined = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
        if (plan.contextRow() == null) {
            return joined;
        }
        NDArray context = joined.get(new NDIndex("{}", call.create(plan.contextRow())));
        parts.close();
        joined.close();
        return context;
    }

    private float[] features(DomBatch batch, AttentionPlan plan) {
        int[] rowPulse = plan.rowPulse();
        float[] out = new float[plan.rows() * FEATURES];
        int[] pulseDom = new int[batch.pulses()];
        for (int dom = 0; dom < batch.doms(); dom++) {
            java.util.Arrays.fill(pulseDom, batch.domOffsets()[dom], batch.domOffsets()[dom + 1], dom);
        }
        for (int row = 0; row < rowPulse.length; row++) {
            int p = rowPulse[row];
            if (p < 0) {
                continue; // padding: zero features
            }
            int sensor = batch.domSensor()[pulseDom[p]];
            int o = row * FEATURES;
            out[o] = batch.time()[p] / 1e4f;
            out[o + 1] = (float) Math.log1p(Math.max(0f, batch.charge()[p]));
            out[o + 2] = batch.auxiliary()[p];
            out[o + 3] = sensorX[sensor];
            out[o + 4] = sensorY[sensor];
            out[o + 5] = sensorZ[sensor];
        }
        return out;
    }

    private static float[] meanPool(DomBatch batch, float[] pulseRows, int d) {
        float[] out = new float[batch.doms() * d];
        double[] sum = new double[d];
        for (int dom = 0; dom < batch.doms(); dom++) {
            java.util.Arrays.fill(sum, 0);
            int from = batch.domOffsets()[dom];
            int to = batch.domOffsets()[dom + 1];
            for (int p = from; p < to; p++) {
                int base = p * d;
                for (int c = 0; c < d; c++) {
                    sum[c] += pulseRows[base + c];
                }
            }
            int n = Math.max(1, to - from);
            for (int c = 0; c < d; c++) {
                out[dom * d + c] = (float) (sum[c] / n);
            }
        }
        return out;
    }

    private static long[] toLong(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static float[] scaled(double[] metres) {
        float[] out = new float[metres.length];
        for (int i = 0; i < metres.length; i++) {
            out[i] = (float) (metres[i] / 500.0);
        }
        return out;
    }

    /** An {@code in × out} matrix, row-major, Xavier-uniform. */
    private static float[] xavier(SplittableRandom random, int in, int out) {
        double limit = Math.sqrt(6.0 / (in + out));
        float[] values = new float[in * out];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((2 * random.nextDouble() - 1) * limit);
        }
        return values;
    }

    /**
     * The {@code in × out} matrix as {@code linear} wants it, {@code out × in}, contiguous; its first
     * {@code scaledColumns} output columns multiplied by {@code scale}.
     */
    private NDArray linearWeight(float[] inByOut, int in, int out, int scaledColumns, float scale) {
        float[] outByIn = new float[in * out];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                float w = inByOut[i * out + o];
                outByIn[o * in + i] = o < scaledColumns ? w * scale : w;
            }
        }
        return manager.create(outByIn, new Shape(out, in));
    }

    private static float[] biases(SplittableRandom random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) ((2 * random.nextDouble() - 1) * 0.02);
        }
        return values;
    }

    private NDArray ones(int n) {
        return manager.ones(new Shape(n));
    }

    private NDArray zeros(int n) {
        return manager.zeros(new Shape(n));
    }

    @Override
    public void close() {
        manager.close();
    }
}
