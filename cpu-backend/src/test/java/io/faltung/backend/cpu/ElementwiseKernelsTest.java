package io.faltung.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faltung.spi.BinaryOp;
import io.faltung.spi.DType;
import io.faltung.spi.Operand;
import io.faltung.spi.Scalar;
import io.faltung.spi.UnaryOp;
import io.faltung.spi.View;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** COPY, FILL, UNARY, BINARY and WHERE against element-by-element loops on dense and awkward views. */
class ElementwiseKernelsTest {
    private final CpuBackend backend = new CpuBackend(2);
    private final Fixtures fx = new Fixtures(backend);

    @AfterEach
    void close() {
        backend.close();
    }

    /** Asserts {@code out[idx] == expected(idx)} for every index, reading the whole output buffer once. */
    private void assertEach(View out, java.util.function.Function<int[], Double> expected, double tol) {
        double[] data = fx.data(out.buffer());
        for (int[] idx : Fixtures.indices(out.shape())) {
            double want = Fixtures.stored(out.dtype(), expected.apply(idx));
            double got = data[Fixtures.offset(out, idx)];
            if (!(Double.isNaN(want) && Double.isNaN(got))) {
                assertEquals(want, got, tol * Math.max(1, Math.abs(want)), () -> "at " + java.util.Arrays.toString(idx));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void copyConvertsBetweenAnyLayoutsAndDtypes(DType to) {
        for (DType from : DType.values()) {
            View src = fx.awkward(from, 3, 4, 5);
            View dst = fx.dense(to, 3, 4, 5);
            backend.copy(src, dst);
            double[] s = fx.data(src.buffer());
            assertEach(dst, idx -> s[Fixtures.offset(src, idx)], 0);
            View back = fx.awkward(to, 3, 4, 5);
            backend.copy(dst, back);
            double[] d = fx.data(dst.buffer());
            assertEach(back, idx -> d[Fixtures.offset(dst, idx)], 0);
        }
    }

    @Test
    void copyOfLargeTransposeUsesThePoolAndStaysExact() {
        View src = fx.dense(DType.FLOAT32, 300, 400);
        View transposed = new View(src.buffer(), new int[] {400, 300}, new int[] {1, 400}, 0);
        View dst = fx.dense(DType.FLOAT32, 400, 300);
        backend.copy(transposed, dst);
        double[] s = fx.data(src.buffer());
        assertEach(dst, idx -> s[idx[1] * 400 + idx[0]], 0);
    }

    @Test
    void fillConvertsAndHonoursStrides() {
        View dense = fx.dense(DType.INT32, 7, 3);
        backend.fill(dense, 2.9);
        assertEach(dense, idx -> 2.0, 0);
        View odd = fx.awkward(DType.FLOAT32, 4, 1, 6);
        double[] before = fx.data(odd.buffer());
        backend.fill(odd, 0.1);
        assertEach(odd, idx -> 0.1, 0);
        double[] after = fx.data(odd.buffer());
        assertEquals(before[0], after[0], 0, "elements outside the view stay untouched");
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryMatchesDoubleDefinition(UnaryOp op) {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (boolean dense : new boolean[] {true, false}) {
                View x = dense ? fx.dense(dtype, 5, 33) : fx.awkward(dtype, 5, 33);
                View out = dense ? fx.dense(dtype, 5, 33) : fx.awkward(dtype, 5, 33);
                backend.unary(op, x, out);
                double[] xs = fx.data(x.buffer());
                double tol = dtype == DType.FLOAT32 ? 1e-7 : 1e-15;
                assertEach(out, idx -> op.apply(xs[Fixtures.offset(x, idx)]), tol);
            }
        }
    }

    @Test
    void unaryInPlaceOnIdenticalView() {
        View x = fx.dense(DType.FLOAT32, 100);
        double[] before = fx.data(x.buffer());
        backend.unary(UnaryOp.NEG, x, x);
        assertEach(x, idx -> -before[idx[0]], 0);
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryMatchesDoubleDefinitionWithBroadcastFlipAndScalars(BinaryOp op) {
        for (DType dtype : DType.values()) {
            View a = fx.dense(dtype, 4, 70);
            View bias = fx.dense(dtype, 70);
            View b = new View(bias.buffer(), new int[] {4, 70}, new int[] {0, 1}, 0);
            View flipped = fx.awkward(dtype, 4, 70);
            View column = new View(fx.dense(dtype, 4).buffer(), new int[] {4, 70}, new int[] {1, 0}, 0);
            Operand[][] pairs = {{a, b}, {b, a}, {a, flipped}, {a, new Scalar(0.75)}, {new Scalar(-1.5), flipped},
                    {a, column}, {a, a}};
            for (Operand[] pair : pairs) {
                View out = fx.dense(dtype, 4, 70);
                backend.binary(op, pair[0], pair[1], out);
                assertEach(out, idx -> op.apply(value(pair[0], dtype, idx), value(pair[1], dtype, idx)),
                        dtype == DType.FLOAT32 ? 1e-6 : 1e-15);
            }
        }
    }

    private double value(Operand operand, DType dtype, int[] idx) {
        if (operand instanceof Scalar s) {
            return Fixtures.stored(dtype, s.value());
        }
        return fx.get((View) operand, idx);
    }

    private static final float[] SPECIAL = {Float.NaN, -0f, 0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f,
        -1f, 2.5f, Float.MIN_VALUE, -Float.MAX_VALUE, 3f, 0.5f, -2f, 7f, 1e-30f, -4f, 9f};

    /** Calls before checking, so the JIT-compiled (vector) loops are the ones checked, not the interpreter. */
    private static final int JIT_WARMUP = 3000;

    /** Every ordered pair of special values, as two dense rows long enough for the vector lanes. */
    private View[] specialPairs() {
        int n = SPECIAL.length * SPECIAL.length;
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = SPECIAL[i / SPECIAL.length];
            y[i] = SPECIAL[i % SPECIAL.length];
        }
        View[] views = {fx.dense(DType.FLOAT32, n), fx.dense(DType.FLOAT32, n), fx.dense(DType.FLOAT32, n)};
        backend.upload(x, 0, views[0].buffer(), 0, n);
        backend.upload(y, 0, views[1].buffer(), 0, n);
        return views;
    }

    private static void assertSameFloat(double want, double got, String what) {
        float w = (float) want;
        float g = (float) got;
        if (!(Float.isNaN(w) && Float.isNaN(g)) && Float.floatToIntBits(w) != Float.floatToIntBits(g)) {
            throw new AssertionError(what + ": want " + w + ", got " + g);
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void denseFloatBinaryIsBitExactOnNaNSignedZeroAndInfinities(BinaryOp op) {
        View[] v = specialPairs();
        for (int warm = 0; warm < JIT_WARMUP; warm++) {
            backend.binary(op, v[0], v[1], v[2]);
        }
        double[] x = fx.data(v[0].buffer());
        double[] y = fx.data(v[1].buffer());
        double[] got = fx.data(v[2].buffer());
        for (int i = 0; i < got.length; i++) {
            assertSameFloat(op.apply(x[i], y[i]), got[i], op + "(" + x[i] + ", " + y[i] + ")");
        }
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void denseFloatUnaryIsBitExactOnNaNSignedZeroAndInfinities(UnaryOp op) {
        View[] v = specialPairs();
        for (int warm = 0; warm < JIT_WARMUP; warm++) {
            backend.unary(op, v[1], v[2]);
        }
        double[] x = fx.data(v[1].buffer());
        double[] got = fx.data(v[2].buffer());
        for (int i = 0; i < got.length; i++) {
            assertSameFloat(op.apply(x[i]), got[i], op + "(" + x[i] + ")");
        }
    }

    @Test
    void binaryRejectsMismatchedShapesAndDtypes() {
        View out = fx.dense(DType.FLOAT32, 3, 4);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> backend.binary(BinaryOp.ADD, fx.dense(DType.FLOAT32, 4), out, out));
        assertEquals(true, shape.getMessage().contains("[4]"), shape.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> backend.binary(BinaryOp.ADD, fx.dense(DType.FLOAT64, 3, 4), out, out));
    }

    @Test
    void largeBinaryOnThePoolMatchesLoop() {
        View a = fx.dense(DType.FLOAT32, 300, 500);
        View b = fx.awkward(DType.FLOAT32, 300, 500);
        View out = fx.dense(DType.FLOAT32, 300, 500);
        backend.binary(BinaryOp.MUL, a, b, out);
        double[] as = fx.data(a.buffer());
        double[] bs = fx.data(b.buffer());
        assertEach(out, idx -> as[Fixtures.offset(a, idx)] * bs[Fixtures.offset(b, idx)], 1e-7);
    }

    @Test
    void whereSelectsByAnyConditionDtype() {
        for (DType condType : DType.values()) {
            View cond = fx.awkward(condType, 6, 9);
            fx.set(cond, 0, 0, 0);
            View a = fx.dense(DType.FLOAT32, 6, 9);
            View out = fx.awkward(DType.FLOAT32, 6, 9);
            backend.where(cond, a, new Scalar(-7), out);
            assertEach(out, idx -> fx.get(cond, idx) != 0 ? fx.get(a, idx) : -7, 0);
        }
    }

    @Test
    void whereOnDenseFloatRowsCountsNanAsTrueAndSignedZeroAsFalse() {
        View cond = fx.dense(DType.FLOAT32, 3, 37);
        fx.set(cond, Double.NaN, 0, 1);
        fx.set(cond, -0.0, 1, 9);
        fx.set(cond, 0, 2, 36);
        fx.set(cond, Double.NaN, 2, 35);
        for (int j = 10; j < 30; j += 3) {
            fx.set(cond, 0, 1, j);
        }
        View a = fx.dense(DType.FLOAT32, 3, 37);
        View b = fx.dense(DType.FLOAT32, 3, 37);
        View out = fx.dense(DType.FLOAT32, 3, 37);
        backend.where(cond, a, b, out);
        assertEach(out, idx -> fx.get(cond, idx) != 0 ? fx.get(a, idx) : fx.get(b, idx), 0);
        View row = new View(b.buffer(), new int[] {3, 37}, new int[] {0, 1}, 0);
        backend.where(cond, row, new Scalar(0), out);
        assertEach(out, idx -> fx.get(cond, idx) != 0 ? fx.get(row, idx) : 0, 0);
    }
}
