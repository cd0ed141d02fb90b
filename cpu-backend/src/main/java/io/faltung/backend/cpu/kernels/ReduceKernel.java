package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.CpuBuffer;
import io.faltung.backend.cpu.Parallel;
import io.faltung.spi.ReduceOp;
import io.faltung.spi.View;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * REDUCE: SUM, MAX or MIN of {@code x} over any set of axes into {@code out} (reduced axes kept with
 * extent 1).
 *
 * <p>Shaped as one pass over {@code x} in its memory order (axes sorted by stride) against a
 * double accumulator laid out like {@code out} with stride 0 on the reduced axes. A row along a
 * reduced axis folds into one accumulator (a row sum with four independent partial sums); a row
 * along a kept axis adds into a run of accumulators (a bias gradient over the batch). Sums
 * accumulate in double, which is far more accurate for FLOAT32 than pairwise float summation.
 * Large inputs are split into one range per thread, each with its own accumulator, combined in
 * chunk order, so the result does not depend on scheduling.
 */
public final class ReduceKernel {
    private ReduceKernel() {
    }

    /** Reduces {@code x} over {@code axes} into {@code out}. */
    public static void run(Parallel pool, ReduceOp op, View x, int[] axes, View out) {
        int[] accStrides = checkShapes(op, x, axes, out);
        Object xs = CpuBuffer.arrayOf(x);
        Object os = CpuBuffer.arrayOf(out);
        int rank = x.rank();
        Integer[] order = IntStream.range(0, rank).boxed()
                .sorted(Comparator.comparingLong(k -> -Math.abs((long) x.strides()[k])))
                .toArray(Integer[]::new);
        int[] shape = new int[rank];
        int[][] strides = new int[2][rank];
        for (int k = 0; k < rank; k++) {
            shape[k] = x.shape()[order[k]];
            strides[0][k] = x.strides()[order[k]];
            strides[1][k] = accStrides[order[k]];
        }
        StridedLoop loop = new StridedLoop(shape, strides, new int[] {Math.toIntExact(x.offset()), 0});
        int outSize = Math.toIntExact(out.size());
        int chunks = (int) Math.min(pool.threads(), loop.size() / Elementwise.MIN_CHUNK);
        double[][] partial = new double[Math.max(1, chunks)][];
        pool.forEach(partial.length, c -> {
            double[] acc = new double[outSize];
            Arrays.fill(acc, op.identity());
            long start = loop.size() * c / partial.length;
            long end = loop.size() * (c + 1) / partial.length;
            loop.run(start, end, (base, n, index) -> accumulate(op, xs, base[0], loop.innerStride(0), acc, base[1],
                    loop.innerStride(1), n));
            partial[c] = acc;
        });
        double[] acc = partial[0];
        for (int c = 1; c < partial.length; c++) {
            for (int i = 0; i < outSize; i++) {
                acc[i] = op.combine(acc[i], partial[c][i]);
            }
        }
        StridedLoop write = new StridedLoop(out.shape(), new int[][] {out.strides(), View.rowMajorStrides(out.shape())},
                new int[] {Math.toIntExact(out.offset()), 0});
        double[] row = Scratch.doubles(Scratch.Slot.REDUCED, Rows.BLOCK);
        write.run(0, write.size(), (base, n, index) -> {
            for (int from = 0; from < n; from += Rows.BLOCK) {
                int len = Math.min(Rows.BLOCK, n - from);
                System.arraycopy(acc, base[1] + from * write.innerStride(1), row, 0, len);
                Rows.store(row, os, base[0] + from * write.innerStride(0), write.innerStride(0), len);
            }
        });
    }

    /** Validates axes and the output shape; returns row-major accumulator strides, 0 on reduced axes. */
    private static int[] checkShapes(ReduceOp op, View x, int[] axes, View out) {
        Dtypes.requireSame(op, out, x);
        int rank = x.rank();
        boolean[] reduced = new boolean[rank];
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < 0 || axes[i] >= rank || (i > 0 && axes[i] <= axes[i - 1])) {
                throw new IllegalArgumentException("reduce " + op + ": axes " + Arrays.toString(axes)
                        + " must be sorted, distinct and within rank " + rank);
            }
            reduced[axes[i]] = true;
        }
        int[] expected = new int[rank];
        for (int k = 0; k < rank; k++) {
            expected[k] = reduced[k] ? 1 : x.shape()[k];
        }
        if (!Arrays.equals(expected, out.shape())) {
            throw new IllegalArgumentException("reduce " + op + " over axes " + Arrays.toString(axes) + " of "
                    + Arrays.toString(x.shape()) + ": output must have shape " + Arrays.toString(expected)
                    + ", got " + Arrays.toString(out.shape()));
        }
        int[] strides = View.rowMajorStrides(expected);
        for (int k = 0; k < rank; k++) {
            if (reduced[k]) {
                strides[k] = 0;
            }
        }
        return strides;
    }

    private static void accumulate(ReduceOp op, Object x, int xo, int xs, double[] acc, int ao, int as, int n) {
        if (as == 0) {
            acc[ao] = op.combine(acc[ao], fold(op, x, xo, xs, n));
        } else if (op == ReduceOp.SUM && x instanceof float[] f && as == 1 && xs == 1) {
            for (int i = 0; i < n; i++) {
                acc[ao + i] += f[xo + i];
            }
        } else if (op == ReduceOp.SUM && x instanceof float[] f) {
            for (int i = 0; i < n; i++) {
                acc[ao + i * as] += f[xo + i * xs];
            }
        } else {
            for (int i = 0; i < n; i++) {
                acc[ao + i * as] = op.combine(acc[ao + i * as], Rows.get(x, xo + i * xs));
            }
        }
    }

    /** Reduces one row of {@code n} elements to a double. */
    private static double fold(ReduceOp op, Object x, int xo, int xs, int n) {
        if (op == ReduceOp.SUM && x instanceof float[] f) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int i = 0;
            for (; i + 3 < n; i += 4) {
                s0 += f[xo + i * xs];
                s1 += f[xo + (i + 1) * xs];
                s2 += f[xo + (i + 2) * xs];
                s3 += f[xo + (i + 3) * xs];
            }
            for (; i < n; i++) {
                s0 += f[xo + i * xs];
            }
            return (s0 + s1) + (s2 + s3);
        }
        if (op != ReduceOp.SUM && x instanceof float[] f) {
            float acc = (float) op.identity();
            for (int i = 0; i < n; i++) {
                acc = op == ReduceOp.MAX ? Math.max(acc, f[xo + i * xs]) : Math.min(acc, f[xo + i * xs]);
            }
            return acc;
        }
        double acc = op.identity();
        for (int i = 0; i < n; i++) {
            acc = op.combine(acc, Rows.get(x, xo + i * xs));
        }
        return acc;
    }
}
