package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.CpuBuffer;
import io.faltung.spi.DType;
import io.faltung.spi.View;

import java.util.Arrays;

/**
 * ARG_MAX: index of the largest element along one axis into an INT32 view shaped like {@code x}
 * with that axis of extent 1. The first index wins on ties; NaN counts as larger than any number
 * (the first NaN wins). One scan along the axis per output element: argmax feeds accuracy and
 * predictions, not the training hot path, so there is no parallel split.
 */
public final class ArgMaxKernel {
    private ArgMaxKernel() {
    }

    /** Writes the arg-max of {@code x} along {@code axis} into {@code out}. */
    public static void run(View x, int axis, View out) {
        Dtypes.require("argMax", "output", out, DType.INT32);
        int rank = x.rank();
        if (axis < 0 || axis >= rank) {
            throw new IllegalArgumentException("argMax: axis " + axis + " out of range for shape "
                    + Arrays.toString(x.shape()));
        }
        int[] expected = x.shape().clone();
        expected[axis] = 1;
        if (!Arrays.equals(expected, out.shape())) {
            throw new IllegalArgumentException("argMax along axis " + axis + " of " + Arrays.toString(x.shape())
                    + ": output must have shape " + Arrays.toString(expected) + ", got "
                    + Arrays.toString(out.shape()));
        }
        int extent = x.shape()[axis];
        if (extent == 0 && out.size() > 0) {
            throw new IllegalArgumentException("argMax along empty axis " + axis + " of " + Arrays.toString(x.shape()));
        }
        Object xs = CpuBuffer.arrayOf(x);
        int[] os = (int[]) CpuBuffer.arrayOf(out);
        int step = x.strides()[axis];
        StridedLoop loop = new StridedLoop(expected, new int[][] {out.strides(), x.strides()},
                new int[] {Math.toIntExact(out.offset()), Math.toIntExact(x.offset())});
        loop.run(0, loop.size(), (base, n, index) -> {
            for (int j = 0; j < n; j++) {
                os[base[0] + j * loop.innerStride(0)] = scan(xs, base[1] + j * loop.innerStride(1), step, extent);
            }
        });
    }

    private static int scan(Object x, int start, int step, int extent) {
        double best = Rows.get(x, start);
        int bestIndex = 0;
        for (int i = 1; i < extent && !Double.isNaN(best); i++) {
            double v = Rows.get(x, start + i * step);
            if (v > best || Double.isNaN(v)) {
                best = v;
                bestIndex = i;
            }
        }
        return bestIndex;
    }
}
