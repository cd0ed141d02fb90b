package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.Parallel;
import io.faltung.spi.View;

/**
 * COPY: strided to strided between same-shaped views, converting the dtype when they differ
 * (to INT32: toward zero, saturating, NaN to 0).
 *
 * <p>Rows that are dense on both sides with equal dtypes are {@link System#arraycopy} calls (a
 * contiguous tensor of any rank is one such row); other rows with equal dtypes use a typed strided
 * loop (transposes, slices, flips); dtype conversions go through the double block path.
 */
public final class CopyKernel {
    private CopyKernel() {
    }

    /** Copies {@code src} into {@code dst}. */
    public static void run(Parallel pool, View src, View dst) {
        Elementwise frame = new Elementwise("copy", dst, src);
        StridedLoop loop = frame.loop();
        Object from = frame.array(0);
        Object to = frame.outArray();
        if (src.dtype() != dst.dtype()) {
            frame.runBlocks(pool, (rows, n, index) -> System.arraycopy(rows[1], 0, rows[0], 0, n));
        } else if (loop.innerStride(0) == 1 && loop.innerStride(1) == 1) {
            frame.run(pool, () -> (base, n, index) -> System.arraycopy(from, base[1], to, base[0], n));
        } else {
            int ss = loop.innerStride(1);
            int ds = loop.innerStride(0);
            frame.run(pool, () -> (base, n, index) -> strided(from, base[1], ss, to, base[0], ds, n));
        }
    }

    private static void strided(Object from, int so, int ss, Object to, int dO, int ds, int n) {
        if (from instanceof float[] f) {
            float[] t = (float[]) to;
            for (int i = 0; i < n; i++) {
                t[dO + i * ds] = f[so + i * ss];
            }
        } else if (from instanceof double[] f) {
            double[] t = (double[]) to;
            for (int i = 0; i < n; i++) {
                t[dO + i * ds] = f[so + i * ss];
            }
        } else {
            int[] f = (int[]) from;
            int[] t = (int[]) to;
            for (int i = 0; i < n; i++) {
                t[dO + i * ds] = f[so + i * ss];
            }
        }
    }
}
