package io.faltung.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.spi.Buffer;
import io.faltung.spi.DType;
import io.faltung.spi.ReduceOp;
import io.faltung.spi.View;

import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** REDUCE and ARG_MAX against loops over every output index. */
class ReductionKernelsTest {
    private final CpuBackend backend = new CpuBackend(2);
    private final Fixtures fx = new Fixtures(backend);

    @AfterEach
    void close() {
        backend.close();
    }

    private static final int[][] AXES = {{}, {0}, {1}, {2}, {0, 1}, {0, 2}, {1, 2}, {0, 1, 2}};

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reduceOverEveryAxisSetMatchesLoop(ReduceOp op) {
        int[] shape = {5, 7, 9};
        for (DType dtype : DType.values()) {
            for (boolean dense : new boolean[] {true, false}) {
                View x = dense ? fx.dense(dtype, shape) : fx.awkward(dtype, shape);
                double[] xs = fx.data(x.buffer());
                for (int[] axes : AXES) {
                    int[] outShape = shape.clone();
                    for (int a : axes) {
                        outShape[a] = 1;
                    }
                    View out = fx.awkward(dtype, outShape);
                    backend.reduce(op, x, axes, out);
                    double[] got = fx.data(out.buffer());
                    for (int[] o : Fixtures.indices(outShape)) {
                        double want = op.identity();
                        for (int[] i : Fixtures.indices(shape)) {
                            if (covers(o, i, axes)) {
                                want = op.combine(want, xs[Fixtures.offset(x, i)]);
                            }
                        }
                        assertEquals(Fixtures.stored(dtype, want), got[Fixtures.offset(out, o)],
                                1e-6 * Math.max(1, Math.abs(want)), () -> op + " over " + Arrays.toString(axes)
                                        + " at " + Arrays.toString(o));
                    }
                }
            }
        }
    }

    private static boolean covers(int[] outIdx, int[] idx, int[] axes) {
        for (int k = 0; k < idx.length; k++) {
            if (Arrays.binarySearch(axes, k) < 0 && outIdx[k] != idx[k]) {
                return false;
            }
        }
        return true;
    }

    @Test
    void float32SumIsAccurateOverAMillionElements() {
        int n = 1 << 20;
        Buffer b = backend.allocate(DType.FLOAT32, n);
        float[] v = new float[n];
        Arrays.fill(v, 0.1f);
        backend.upload(v, 0, b, 0, n);
        View out = View.contiguous(backend.allocate(DType.FLOAT32, 1), 1);
        backend.reduce(ReduceOp.SUM, View.contiguous(b, n), new int[] {0}, out);
        assertEquals((float) (n * (double) 0.1f), fx.get(out, 0), 0, "sum of 2^20 times 0.1f");
    }

    @Test
    void largeColumnSumOnThePoolMatchesLoop() {
        View x = fx.dense(DType.FLOAT32, 2000, 70);
        View out = fx.dense(DType.FLOAT32, 1, 70);
        backend.reduce(ReduceOp.SUM, x, new int[] {0}, out);
        double[] xs = fx.data(x.buffer());
        for (int j = 0; j < 70; j++) {
            double want = 0;
            for (int i = 0; i < 2000; i++) {
                want += xs[i * 70 + j];
            }
            assertEquals((float) want, fx.get(out, 0, j), 0);
        }
    }

    @Test
    void maxPropagatesNaNAndEmptyAxesGiveTheIdentity() {
        View x = fx.dense(DType.FLOAT32, 3, 4);
        fx.set(x, Double.NaN, 1, 2);
        View out = fx.dense(DType.FLOAT32, 3, 1);
        backend.reduce(ReduceOp.MAX, x, new int[] {1}, out);
        assertTrue(Double.isNaN(fx.get(out, 1, 0)));
        assertTrue(!Double.isNaN(fx.get(out, 0, 0)));
        View empty = View.contiguous(backend.allocate(DType.FLOAT32, 1), 3, 0);
        backend.reduce(ReduceOp.SUM, empty, new int[] {1}, out);
        assertEquals(0.0, fx.get(out, 2, 0));
    }

    @Test
    void reduceRejectsAWrongOutputShape() {
        View x = fx.dense(DType.FLOAT32, 3, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.reduce(ReduceOp.SUM, x, new int[] {1}, fx.dense(DType.FLOAT32, 3)));
        assertTrue(e.getMessage().contains("[3, 1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> backend.reduce(ReduceOp.SUM, x, new int[] {1, 0}, fx.dense(DType.FLOAT32, 1, 1)));
    }

    @Test
    void argMaxTakesTheFirstOnTiesAndNaNWins() {
        Buffer b = backend.allocate(DType.FLOAT32, 12);
        backend.upload(new float[] {1, 5, 5, 2, /**/ 3, Float.NaN, 9, Float.NaN, /**/ -1, -1, -1, -1}, 0, b, 0, 12);
        View out = View.contiguous(backend.allocate(DType.INT32, 3), 3, 1);
        backend.argMax(View.contiguous(b, 3, 4), 1, out);
        assertEquals(1.0, fx.get(out, 0, 0));
        assertEquals(1.0, fx.get(out, 1, 0));
        assertEquals(0.0, fx.get(out, 2, 0));
    }

    @Test
    void argMaxAlongEveryAxisOfAnAwkwardViewMatchesLoop() {
        int[] shape = {4, 6, 5};
        for (DType dtype : DType.values()) {
            View x = fx.awkward(dtype, shape);
            for (int axis = 0; axis < 3; axis++) {
                int[] outShape = shape.clone();
                outShape[axis] = 1;
                View out = fx.awkward(DType.INT32, outShape);
                backend.argMax(x, axis, out);
                for (int[] o : Fixtures.indices(outShape)) {
                    int best = 0;
                    for (int i = 1; i < shape[axis]; i++) {
                        int[] at = o.clone();
                        at[axis] = i;
                        int[] bestAt = o.clone();
                        bestAt[axis] = best;
                        if (fx.get(x, at) > fx.get(x, bestAt)) {
                            best = i;
                        }
                    }
                    int along = axis;
                    assertEquals(best, fx.get(out, o), () -> "axis " + along + " at " + Arrays.toString(o));
                }
            }
        }
    }

    @Test
    void argMaxNeedsAnInt32Output() {
        View x = fx.dense(DType.FLOAT32, 3, 4);
        assertThrows(IllegalArgumentException.class, () -> backend.argMax(x, 1, fx.dense(DType.FLOAT32, 3, 1)));
    }
}
