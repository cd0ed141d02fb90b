package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.Parallel;
import io.faltung.spi.DType;
import io.faltung.spi.RandomSpec;
import io.faltung.spi.View;

/**
 * RANDOM: fills a view from the Philox-4x32-10 stream exactly as {@link RandomSpec} defines it, so
 * the numbers match every other backend bit for bit. Element {@code i} (row-major logical index)
 * uses counter {@code offset + i}; the values are computed in double and rounded once to the output
 * dtype. UNIFORM results that round up to {@code b} are pulled back below it, keeping {@code [a, b)}.
 * INT32 outputs accept BERNOULLI only (masks). Large outputs are split over the pool: each element
 * depends on its index alone.
 */
public final class RandomKernel {
    private static final double TWO_M24 = 0x1p-24;
    private static final double TWO_M53 = 0x1p-53;

    private RandomKernel() {
    }

    /** Fills {@code out} with the stream of {@code seed} starting at counter {@code offset}. */
    public static void run(Parallel pool, RandomSpec spec, long seed, long offset, View out) {
        if (out.dtype() == DType.INT32 && spec.distribution() != RandomSpec.Distribution.BERNOULLI) {
            throw new IllegalArgumentException("random " + spec.distribution() + ": INT32 output supports BERNOULLI only, got "
                    + out);
        }
        boolean single = out.dtype() != DType.FLOAT64;
        int k0 = (int) seed;
        int k1 = (int) (seed >>> 32);
        Elementwise frame = new Elementwise("random", out);
        frame.runBlocks(pool, (rows, n, index) -> {
            int[] x = new int[4];
            double[] o = rows[0];
            for (int i = 0; i < n; i++) {
                long c = offset + index + i;
                Philox.block(k0, k1, (int) c, (int) (c >>> 32), 0, 0, x);
                o[i] = value(spec, single, x);
            }
        });
    }

    /** The value of one element from its Philox words, per {@link RandomSpec}. */
    static double value(RandomSpec spec, boolean single, int[] x) {
        return switch (spec.distribution()) {
            case UNIFORM -> {
                double v = spec.a() + (spec.b() - spec.a()) * uniform(single, x);
                if (single && (float) v >= (float) spec.b() && spec.b() > spec.a()) {
                    v = Math.nextDown((float) spec.b());
                } else if (v >= spec.b() && spec.b() > spec.a()) {
                    v = Math.nextDown(spec.b());
                }
                yield v;
            }
            case BERNOULLI -> uniform(single, x) < spec.a() ? 1 : 0;
            case NORMAL -> {
                double u1 = ((x[2] >>> 8) + 1) * TWO_M24;
                double u2 = (x[3] >>> 8) * TWO_M24;
                yield spec.a() + spec.b() * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            }
        };
    }

    private static double uniform(boolean single, int[] x) {
        if (single) {
            return (x[0] >>> 8) * TWO_M24;
        }
        return ((x[0] >>> 5) * 0x1p26 + (x[1] >>> 6)) * TWO_M53;
    }
}
