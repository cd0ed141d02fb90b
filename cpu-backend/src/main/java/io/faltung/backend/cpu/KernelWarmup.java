package io.faltung.backend.cpu;

import io.faltung.spi.Backend;
import io.faltung.spi.BinaryOp;
import io.faltung.spi.ConvSpec;
import io.faltung.spi.DType;
import io.faltung.spi.GemmSpec;
import io.faltung.spi.PoolSpec;
import io.faltung.spi.ReduceOp;
import io.faltung.spi.Scalar;
import io.faltung.spi.UnaryOp;
import io.faltung.spi.View;

/**
 * Gets the CPU kernels compiled before the application needs them. Until C2 compiles a Vector-API
 * kernel, every vector operation runs as plain Java objects, a hundred times slower than the
 * compiled loop: the first training step of the mnist-cnn example (LeNet, batch 64) cost 2.3 s of
 * CPU instead of 35 ms, most of it in interpreted GEMM tiles. When {@value #PROPERTY} is
 * {@code true}, opening the CPU backend starts one daemon thread that runs the primitives of a
 * small convolutional network's training step — convolution forward and both backward passes,
 * max-pooling, the three GEMM forms of a dense layer, bias broadcasts, ReLU, a softmax
 * cross-entropy, Adam's elementwise update — and an LSTM cell, on tiny tensors (a batch of
 * {@value #BATCH}) of a private one-thread backend, round after round, while the application is
 * still reading its data. Tiny tensors make a round cheap even before compilation, so the JIT's
 * invocation and loop counters fill long before the real work would have filled them; the sizes
 * still leave partial vectors and edge tiles, so the compiled code covers the real shapes' paths.
 * It stops after {@value #MAX_ROUNDS} rounds or {@value #MAX_SECONDS} s. It changes no result:
 * it shares no buffer with the application, only the JIT's compiled code.
 */
public final class KernelWarmup {
    /** System property: {@code true} starts the warm-up when a CPU backend opens (default {@code false}). */
    public static final String PROPERTY = "faltung.cpu.warmup";
    static final int MAX_ROUNDS = 1000;
    static final int MAX_SECONDS = 3;
    static final String THREAD = "faltung-cpu-warmup";

    private static final int BATCH = 2;
    private static final ConvSpec CONV = ConvSpec.unit();
    private static final PoolSpec POOL = new PoolSpec(PoolSpec.Mode.MAX, 2, 2, 2, 2, 0, 0);
    private static boolean started;

    private final Backend b = new CpuBackend(1);
    private long seed = 1;

    KernelWarmup() {
    }

    /** Starts the warm-up thread once per JVM if {@value #PROPERTY} is {@code true}. */
    static synchronized void startIfRequested() {
        if (started || !Boolean.getBoolean(PROPERTY)) {
            return;
        }
        started = true;
        KernelWarmup warmup = new KernelWarmup();
        Thread t = new Thread(() -> warmup.run(MAX_ROUNDS, MAX_SECONDS * 1_000_000_000L), THREAD);
        t.setDaemon(true);
        t.start();
    }

    /** Runs rounds until {@code maxRounds} have run or {@code maxNanos} have passed; returns how many ran. */
    int run(int maxRounds, long maxNanos) {
        long start = System.nanoTime();
        int rounds = 0;
        try (b) {
            while (rounds < maxRounds && System.nanoTime() - start < maxNanos) {
                round();
                rounds++;
            }
        }
        return rounds;
    }

    /** One training step's primitives, forward and backward, on a batch of {@value #BATCH}. */
    void round() {
        // conv 4×4, 1 → 6 channels, bias, ReLU, max-pool 2: [B,1,9,9] → [B,6,6,6] → [B,6,3,3]
        View x = data(BATCH, 1, 9, 9);
        View w1 = data(6, 1, 4, 4);
        View a1 = convLayer(x, w1, data(6), zeros(BATCH, 6, 6, 6));
        View p1 = zeros(BATCH, 6, 3, 3);
        b.poolForward(POOL, a1, p1);
        // conv 2×2, 6 → 10 channels, bias, ReLU, max-pool 2: → [B,10,2,2] → [B,10,1,1], flattened to [B,10]
        View w2 = data(10, 6, 2, 2);
        View a2 = convLayer(p1, w2, data(10), zeros(BATCH, 10, 2, 2));
        View p2 = zeros(BATCH, 10, 1, 1);
        b.poolForward(POOL, a2, p2);
        View flat = new View(p2.buffer(), new int[] {BATCH, 10}, new int[] {10, 1}, 0);
        // dense 10 → 20 (ReLU) → 10
        View w3 = data(20, 10);
        View h = dense(flat, w3, data(20), zeros(BATCH, 20));
        b.unary(UnaryOp.RELU, h, h);
        View w4 = data(10, 20);
        View z = dense(h, w4, data(10), zeros(BATCH, 10));
        View dz = softmaxCrossEntropy(z);
        // backward through the dense layers
        View dh = denseBackward(h, w4, dz, zeros(BATCH, 20));
        reluBackward(h, dh);
        View dflat = denseBackward(flat, w3, dh, zeros(BATCH, 10));
        // backward through pool and conv 2, then pool and conv 1
        View dp2 = new View(dflat.buffer(), new int[] {BATCH, 10, 1, 1}, new int[] {10, 1, 1, 1}, 0);
        View da2 = zeros(BATCH, 10, 2, 2);
        b.poolBackward(POOL, a2, p2, dp2, da2);
        reluBackward(a2, da2);
        View dp1 = zeros(BATCH, 6, 3, 3);
        b.convBackwardData(CONV, da2, w2, dp1);
        View dw2 = zeros(10, 6, 2, 2);
        b.convBackwardFilter(CONV, p1, da2, dw2);
        reduceToBias(da2, 10);
        View da1 = zeros(BATCH, 6, 6, 6);
        b.poolBackward(POOL, a1, p1, dp1, da1);
        reluBackward(a1, da1);
        View dw1 = zeros(6, 1, 4, 4);
        b.convBackwardFilter(CONV, x, da1, dw1);
        reduceToBias(da1, 6);
        adam(w1, dw1);
        adam(w2, dw2);
        adam(w3, data(20, 10));
        lstmCell();
    }

    private View convLayer(View x, View w, View bias, View y) {
        b.convForward(CONV, x, w, y);
        int[] s = y.shape();
        b.binary(BinaryOp.ADD, y, new View(bias.buffer(), s, new int[] {0, 1, 0, 0}, 0), y);
        b.unary(UnaryOp.RELU, y, y);
        return y;
    }

    private View dense(View x, View w, View bias, View y) {
        b.gemm(GemmSpec.of(false, true), x, w, y);
        b.binary(BinaryOp.ADD, y, new View(bias.buffer(), y.shape(), new int[] {0, 1}, 0), y);
        return y;
    }

    /** Gradient of the input ({@code dx = dy · W}) and of the weights ({@code dW = dyᵀ · x}) of a dense layer. */
    private View denseBackward(View x, View w, View dy, View dx) {
        b.gemm(GemmSpec.plain(), dy, w, dx);
        b.gemm(GemmSpec.of(true, false), dy, x, zeros(w.shape()));
        View db = zeros(1, dy.shape()[1]);
        b.reduce(ReduceOp.SUM, dy, new int[] {0}, db);
        return dx;
    }

    private void reluBackward(View y, View dy) {
        View mask = zeros(y.shape());
        b.binary(BinaryOp.GT, y, new Scalar(0), mask);
        b.binary(BinaryOp.MUL, dy, mask, dy);
    }

    private void reduceToBias(View dy, int channels) {
        b.reduce(ReduceOp.SUM, dy, new int[] {0, 2, 3}, zeros(1, channels, 1, 1));
    }

    /** Softmax cross-entropy over the last axis: its loss's primitives and the gradient {@code (p - t) / n}. */
    private View softmaxCrossEntropy(View z) {
        int n = z.shape()[0];
        int c = z.shape()[1];
        View max = zeros(n, 1);
        b.reduce(ReduceOp.MAX, z, new int[] {1}, max);
        View shifted = zeros(n, c);
        b.binary(BinaryOp.SUB, z, new View(max.buffer(), new int[] {n, c}, new int[] {1, 0}, 0), shifted);
        b.binary(BinaryOp.MAX, shifted, new Scalar(-80), shifted);
        View e = zeros(n, c);
        b.unary(UnaryOp.EXP, shifted, e);
        View sum = zeros(n, 1);
        b.reduce(ReduceOp.SUM, e, new int[] {1}, sum);
        View logSum = zeros(n, 1);
        b.unary(UnaryOp.LOG, sum, logSum);
        View p = zeros(n, c);
        b.binary(BinaryOp.DIV, e, new View(sum.buffer(), new int[] {n, c}, new int[] {1, 0}, 0), p);
        View target = zeros(n, c);
        b.binary(BinaryOp.GE, z, new View(max.buffer(), new int[] {n, c}, new int[] {1, 0}, 0), target);
        View loss = zeros(n, c);
        b.binary(BinaryOp.MUL, target, shifted, loss);
        View total = zeros(1, 1);
        b.reduce(ReduceOp.SUM, loss, new int[] {0, 1}, total);
        b.unary(UnaryOp.NEG, total, total);
        b.binary(BinaryOp.DIV, total, new Scalar(n), total);
        View grad = zeros(n, c);
        b.binary(BinaryOp.SUB, p, target, grad);
        b.binary(BinaryOp.MUL, grad, new Scalar(1.0 / n), grad);
        b.argMax(z, 1, View.contiguous(b.allocate(DType.INT32, n), n, 1));
        return grad;
    }

    /** Adam's update of {@code w} from {@code g}: moments, bias correction, {@code w -= lr · m / (√v + ε)}. */
    private void adam(View w, View g) {
        int[] s = w.shape();
        View m = zeros(s);
        View v = zeros(s);
        View t = zeros(s);
        b.binary(BinaryOp.MUL, m, new Scalar(0.9), m);
        b.binary(BinaryOp.MUL, g, new Scalar(0.1), t);
        b.binary(BinaryOp.ADD, m, t, m);
        b.binary(BinaryOp.MUL, g, g, t);
        b.binary(BinaryOp.MUL, t, new Scalar(0.001), t);
        b.binary(BinaryOp.MUL, v, new Scalar(0.999), v);
        b.binary(BinaryOp.ADD, v, t, v);
        b.copy(v, t);
        b.unary(UnaryOp.SQRT, t, t);
        b.binary(BinaryOp.ADD, t, new Scalar(1e-8), t);
        b.binary(BinaryOp.DIV, m, t, t);
        b.binary(BinaryOp.MUL, t, new Scalar(1e-3), t);
        b.binary(BinaryOp.SUB, w, t, w);
    }

    /** An LSTM cell of 8 units forward and backward, with the gate activations' elementwise ops. */
    private void lstmCell() {
        int hidden = 8;
        View gates = data(BATCH, 4 * hidden);
        View cPrev = data(BATCH, hidden);
        View h = zeros(BATCH, hidden);
        View c = zeros(BATCH, hidden);
        View saved = zeros(BATCH, 4 * hidden);
        b.lstmCellForward(gates, cPrev, h, c, saved);
        View dGates = zeros(BATCH, 4 * hidden);
        View dcPrev = zeros(BATCH, hidden);
        b.lstmCellBackward(data(BATCH, hidden), data(BATCH, hidden), saved, cPrev, c, dGates, dcPrev);
        b.unary(UnaryOp.TANH, gates, gates);
        b.unary(UnaryOp.SIGMOID, gates, gates);
    }

    private View zeros(int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        View v = View.contiguous(b.allocate(DType.FLOAT32, n), shape);
        b.fill(v, 0);
        return v;
    }

    /** A tensor of small pseudo-random values in [-0.5, 0.5). */
    private View data(int... shape) {
        View v = zeros(shape);
        float[] values = new float[(int) v.size()];
        for (int i = 0; i < values.length; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            values[i] = (seed >>> 40) / (float) (1 << 24) - 0.5f;
        }
        b.upload(values, 0, v.buffer(), 0, values.length);
        return v;
    }
}
