package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.Parallel;
import io.faltung.spi.Scalar;
import io.faltung.spi.View;

import java.util.Arrays;

/**
 * FILL: sets every element of a view to one value, converted to its dtype. Dense rows are
 * {@link Arrays#fill} calls; other rows go through the block path with a scalar input.
 */
public final class FillKernel {
    private FillKernel() {
    }

    /** Sets every element of {@code dst} to {@code value}. */
    public static void run(Parallel pool, View dst, double value) {
        Elementwise frame = new Elementwise("fill", dst, new Scalar(value));
        Object to = frame.outArray();
        if (frame.loop().innerStride(0) == 1) {
            double v = frame.scalar(0);
            frame.run(pool, () -> (base, n, index) -> fillDense(to, base[0], n, v));
        } else {
            frame.runBlocks(pool, (rows, n, index) -> System.arraycopy(rows[1], 0, rows[0], 0, n));
        }
    }

    private static void fillDense(Object to, int from, int n, double v) {
        if (to instanceof float[] f) {
            Arrays.fill(f, from, from + n, (float) v);
        } else if (to instanceof double[] d) {
            Arrays.fill(d, from, from + n, v);
        } else {
            Arrays.fill((int[]) to, from, from + n, Rows.toInt(v));
        }
    }
}
