package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.CpuBuffer;
import io.faltung.backend.cpu.Parallel;
import io.faltung.spi.PoolSpec;
import io.faltung.spi.View;

import java.util.Arrays;

/**
 * POOL_FORWARD and POOL_BACKWARD over contiguous NCHW views: MAX (padding never wins; backward
 * routes each gradient to the first maximum of its window in row-major order, found again from
 * {@code x}) and the two averages (divided by the whole window, or by its in-bounds part).
 *
 * <p>Work is split by (image, channel) plane over the pool. FLOAT32, the training case, runs in
 * {@link FloatPooling} on the float arrays themselves. FLOAT64 planes are copied into a per-thread
 * double row, pooled there with the window clipped to the image once per output (no padding tests
 * inside the window), and copied back.
 */
public final class PoolKernel {
    /** Planes per task are chosen so that a task reads at least this many input elements. */
    private static final int MIN_TASK_ELEMENTS = 1 << 14;

    private PoolKernel() {
    }

    /** {@code y = pool(x)}. */
    public static void forward(Parallel pool, PoolSpec spec, View x, View y) {
        Planes planes = Planes.of("poolForward", spec, x, y, "y");
        Object xs = CpuBuffer.arrayOf(x);
        Object ys = CpuBuffer.arrayOf(y);
        if (xs instanceof float[] xf && ys instanceof float[] yf) {
            FloatPooling f = planes.floats();
            int xo = DenseOperands.offset(x);
            int yo = DenseOperands.offset(y);
            planes.split(pool, (start, end) -> f.forward(start, end, xf, xo, yf, yo));
            return;
        }
        planes.run(pool, (plane, in, out) -> {
            Rows.load(xs, DenseOperands.offset(x) + plane * planes.inSize(), 1, in, planes.inSize());
            planes.windows((o, h0, h1, w0, w1) -> {
                if (spec.mode() == PoolSpec.Mode.MAX) {
                    out[o] = in[firstMax(in, planes.w(), h0, h1, w0, w1)];
                } else {
                    double sum = 0;
                    for (int h = h0; h < h1; h++) {
                        for (int w = w0; w < w1; w++) {
                            sum += in[h * planes.w() + w];
                        }
                    }
                    out[o] = sum / divisor(spec, h0, h1, w0, w1);
                }
            });
            Rows.store(out, ys, DenseOperands.offset(y) + plane * planes.outSize(), 1, planes.outSize());
        });
    }

    /** {@code dx} (overwritten) = gradient of pooling given {@code x}, {@code y} and {@code dy}. */
    public static void backward(Parallel pool, PoolSpec spec, View x, View y, View dy, View dx) {
        Planes planes = Planes.of("poolBackward", spec, x, y, "y");
        DenseOperands.require("poolBackward", "dy", dy, y.shape(), x);
        DenseOperands.require("poolBackward", "dx", dx, x.shape(), x);
        Object xs = CpuBuffer.arrayOf(x);
        Object dys = CpuBuffer.arrayOf(dy);
        Object dxs = CpuBuffer.arrayOf(dx);
        if (xs instanceof float[] xf && dys instanceof float[] dyf && dxs instanceof float[] dxf) {
            FloatPooling f = planes.floats();
            int xo = DenseOperands.offset(x);
            int dyo = DenseOperands.offset(dy);
            int dxo = DenseOperands.offset(dx);
            planes.split(pool, (start, end) -> f.backward(start, end, xf, xo, dyf, dyo, dxf, dxo));
            return;
        }
        planes.run(pool, (plane, in, grad) -> {
            Rows.load(dys, DenseOperands.offset(dy) + plane * planes.outSize(), 1, grad, planes.outSize());
            if (spec.mode() == PoolSpec.Mode.MAX) {
                Rows.load(xs, DenseOperands.offset(x) + plane * planes.inSize(), 1, in, planes.inSize());
            }
            double[] acc = Scratch.doubles(Scratch.Slot.ROW_C, planes.inSize());
            Arrays.fill(acc, 0, planes.inSize(), 0);
            planes.windows((o, h0, h1, w0, w1) -> {
                if (spec.mode() == PoolSpec.Mode.MAX) {
                    acc[firstMax(in, planes.w(), h0, h1, w0, w1)] += grad[o];
                    return;
                }
                double share = grad[o] / divisor(spec, h0, h1, w0, w1);
                for (int h = h0; h < h1; h++) {
                    for (int w = w0; w < w1; w++) {
                        acc[h * planes.w() + w] += share;
                    }
                }
            });
            Rows.store(acc, dxs, DenseOperands.offset(dx) + plane * planes.inSize(), 1, planes.inSize());
        });
    }

    /** Index in the plane of the first largest element of the clipped window (NaN counts as largest). */
    private static int firstMax(double[] in, int width, int h0, int h1, int w0, int w1) {
        int best = h0 * width + w0;
        for (int h = h0; h < h1; h++) {
            for (int w = w0; w < w1; w++) {
                int i = h * width + w;
                if (in[i] > in[best] || (in[i] != in[i] && in[best] == in[best])) {
                    best = i;
                }
            }
        }
        return best;
    }

    private static double divisor(PoolSpec spec, int h0, int h1, int w0, int w1) {
        return spec.mode() == PoolSpec.Mode.AVG_INCLUDE_PADDING ? spec.windowH() * spec.windowW() : (h1 - h0) * (w1 - w0);
    }

    /** The per-plane work of one call: a plane number and two double rows (input side, output side). */
    @FunctionalInterface
    private interface PlaneBody {
        void run(int plane, double[] in, double[] out);
    }

    /** One window clipped to the image: output index {@code o}, rows {@code [h0, h1)}, columns {@code [w0, w1)}. */
    @FunctionalInterface
    private interface WindowBody {
        void run(int o, int h0, int h1, int w0, int w1);
    }

    /** Geometry of one call: {@code n·c} planes of {@code h × w} pooled to {@code p × q}. */
    private record Planes(PoolSpec spec, int count, int h, int w, int p, int q) {
        static Planes of(String op, PoolSpec spec, View x, View y, String yRole) {
            int[] out;
            try {
                out = spec.outputShape(x.shape());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
            }
            DenseOperands.require(op, "x", x, x.shape(), x);
            DenseOperands.require(op, yRole, y, out, x);
            int[] s = x.shape();
            return new Planes(spec, s[0] * s[1], s[2], s[3], out[2], out[3]);
        }

        int inSize() {
            return h * w;
        }

        int outSize() {
            return p * q;
        }

        FloatPooling floats() {
            return new FloatPooling(spec, h, w, p, q);
        }

        /** Splits the planes over the pool in runs of at least {@link #MIN_TASK_ELEMENTS} input elements. */
        void split(Parallel pool, Parallel.RangeBody body) {
            pool.forRange(count, Math.max(1, MIN_TASK_ELEMENTS / Math.max(1, inSize())), body);
        }

        void run(Parallel pool, PlaneBody body) {
            split(pool, (start, end) -> {
                double[] in = Scratch.doubles(Scratch.Slot.ROW_A, inSize());
                double[] out = Scratch.doubles(Scratch.Slot.ROW_B, outSize());
                for (int plane = (int) start; plane < end; plane++) {
                    body.run(plane, in, out);
                }
            });
        }

        void windows(WindowBody body) {
            for (int pi = 0; pi < p; pi++) {
                int top = pi * spec.strideH() - spec.padH();
                int h0 = Math.max(0, top);
                int h1 = Math.min(h, top + spec.windowH());
                for (int qi = 0; qi < q; qi++) {
                    int left = qi * spec.strideW() - spec.padW();
                    body.run(pi * q + qi, h0, h1, Math.max(0, left), Math.min(w, left + spec.windowW()));
                }
            }
        }
    }
}
