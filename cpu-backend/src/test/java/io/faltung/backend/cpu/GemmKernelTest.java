package io.faltung.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.spi.Buffer;
import io.faltung.spi.DType;
import io.faltung.spi.GemmSpec;
import io.faltung.spi.View;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GEMM against a naive triple loop in double on awkward sizes, layouts, batches and scalars. */
class GemmKernelTest {
    private final CpuBackend backend = new CpuBackend(2);
    private final Fixtures fx = new Fixtures(backend);

    @AfterEach
    void close() {
        backend.close();
    }

    /** Stored shape of an operand {@code rows x cols} (before op), batched if {@code batch > 0}. */
    private View operand(DType dtype, int batch, int rows, int cols, boolean transpose, boolean awkward) {
        int r = transpose ? cols : rows;
        int c = transpose ? rows : cols;
        int[] shape = batch > 0 ? new int[] {batch, r, c} : new int[] {r, c};
        return awkward ? fx.awkward(dtype, shape) : fx.dense(dtype, shape);
    }

    /** Element {@code op(X)[q][i][j]} from the downloaded buffer. */
    private static double at(View v, double[] data, boolean transpose, int q, int i, int j) {
        int r = v.rank();
        long o = v.offset() + (r == 3 ? (long) q * v.strides()[0] : 0);
        int rs = v.strides()[r - 2];
        int cs = v.strides()[r - 1];
        return transpose ? data[(int) (o + (long) j * rs + (long) i * cs)] : data[(int) (o + (long) i * rs + (long) j * cs)];
    }

    private void check(DType dtype, GemmSpec spec, int batch, int m, int n, int k, View a, View b, View c) {
        double[] as = fx.data(a.buffer());
        double[] bs = fx.data(b.buffer());
        double[] cBefore = fx.data(c.buffer());
        backend.gemm(spec, a, b, c);
        double[] got = fx.data(c.buffer());
        double tol = dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
        int batches = Math.max(batch, 1);
        for (int q = 0; q < batches; q++) {
            int qa = a.rank() == 3 && a.shape()[0] > 1 ? q : 0;
            int qb = b.rank() == 3 && b.shape()[0] > 1 ? q : 0;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    double mag = 0;
                    for (int p = 0; p < k; p++) {
                        double t = at(a, as, spec.transposeA(), qa, i, p) * at(b, bs, spec.transposeB(), qb, p, j);
                        s += t;
                        mag += Math.abs(t);
                    }
                    double prev = at(c, cBefore, false, q, i, j);
                    double want = spec.alpha() * s + (spec.beta() == 0 ? 0 : spec.beta() * prev);
                    double got1 = at(c, got, false, q, i, j);
                    double bound = tol * (Math.abs(spec.alpha()) * mag + Math.abs(spec.beta() * prev) + 1);
                    if (Math.abs(want - got1) > bound) {
                        throw new AssertionError(String.format("%s %s batch %d m=%d n=%d k=%d: C[%d][%d][%d] = %s, want %s",
                                dtype, spec, batch, m, n, k, q, i, j, got1, want));
                    }
                }
            }
        }
    }

    private void product(DType dtype, GemmSpec spec, int m, int n, int k, boolean awkward) {
        View a = operand(dtype, 0, m, k, spec.transposeA(), awkward);
        View b = operand(dtype, 0, k, n, spec.transposeB(), awkward);
        View c = awkward ? fx.awkward(dtype, m, n) : fx.dense(dtype, m, n);
        check(dtype, spec, 0, m, n, k, a, b, c);
    }

    @Test
    void awkwardSizesAndAllTransposesMatchTripleLoop() {
        int[] sizes = {1, 3, 17, 65, 129};
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int m : sizes) {
                for (int n : sizes) {
                    for (int k : new int[] {1, 17, 129}) {
                        product(dtype, GemmSpec.plain(), m, n, k, false);
                    }
                }
            }
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    product(dtype, GemmSpec.of(ta, tb), 65, 33, 129, false);
                    product(dtype, GemmSpec.of(ta, tb), 17, 129, 3, true);
                }
            }
        }
    }

    @Test
    void alphaAndBetaScaleAndAccumulate() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            product(dtype, new GemmSpec(false, true, 0.5, 1.0), 19, 37, 23, true);
            product(dtype, new GemmSpec(true, false, -2.0, 0.25), 70, 20, 300, false);
            product(dtype, new GemmSpec(false, false, 0.0, 3.0), 5, 6, 7, false);
        }
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        View a = fx.dense(DType.FLOAT32, 4, 5);
        View b = fx.dense(DType.FLOAT32, 5, 6);
        Buffer cb = backend.allocate(DType.FLOAT32, 24);
        float[] nan = new float[24];
        java.util.Arrays.fill(nan, Float.NaN);
        backend.upload(nan, 0, cb, 0, 24);
        View c = View.contiguous(cb, 4, 6);
        backend.gemm(GemmSpec.plain(), a, b, c);
        for (double v : fx.data(cb)) {
            assertTrue(Double.isFinite(v), "beta == 0 must overwrite NaN");
        }
    }

    @Test
    void batchedWithBroadcastOperandsMatchesTripleLoop() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            View a = operand(dtype, 3, 9, 20, false, true);
            View b = operand(dtype, 3, 20, 11, true, false);
            check(dtype, GemmSpec.of(false, true), 3, 9, 11, 20, a, b, fx.dense(dtype, 3, 9, 11));
            View shared = operand(dtype, 0, 20, 11, false, false);
            View broadcast = new View(shared.buffer(), new int[] {1, 20, 11}, new int[] {0, 11, 1}, 0);
            check(dtype, GemmSpec.plain(), 3, 9, 11, 20, a, broadcast, fx.awkward(dtype, 3, 9, 11));
            check(dtype, GemmSpec.plain(), 3, 9, 11, 20, a, shared, fx.dense(dtype, 3, 9, 11));
        }
    }

    @Test
    void largeProductSplitOverThreadsMatchesTripleLoop() {
        product(DType.FLOAT32, GemmSpec.plain(), 300, 280, 520, false);
        product(DType.FLOAT32, new GemmSpec(true, true, 1.5, -1), 130, 200, 70, true);
    }

    @Test
    void innerAndColumnDimensionsBeyondOneCacheBlockMatchTripleLoop() {
        product(DType.FLOAT32, GemmSpec.plain(), 7, 9, 1100, false);
        product(DType.FLOAT32, new GemmSpec(false, true, 1, 1), 3, 4100, 5, true);
        product(DType.FLOAT64, GemmSpec.plain(), 7, 9, 1100, true);
    }

    @Test
    void microKernelChoiceFollowsTheModule() {
        boolean expected = !"false".equals(System.getProperty("faltung.test.expectVectorApi"));
        assertEquals(expected, io.faltung.backend.cpu.kernels.VectorSupport.enabled(),
                "Vector-API kernel when jdk.incubator.vector is present, scalar fallback otherwise");
    }

    @Test
    void mismatchedInnerDimensionsAreRejectedWithShapes() {
        View a = fx.dense(DType.FLOAT32, 4, 5);
        View b = fx.dense(DType.FLOAT32, 6, 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.gemm(GemmSpec.plain(), a, b, fx.dense(DType.FLOAT32, 4, 7)));
        assertTrue(e.getMessage().contains("[4, 5]") && e.getMessage().contains("[6, 7]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> backend.gemm(GemmSpec.plain(), fx.dense(DType.INT32, 2, 2), fx.dense(DType.INT32, 2, 2),
                        fx.dense(DType.INT32, 2, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> backend.gemm(GemmSpec.plain(), fx.dense(DType.FLOAT32, 2, 3, 4), fx.dense(DType.FLOAT32, 3, 4, 5),
                        fx.dense(DType.FLOAT32, 3, 3, 5)));
    }
}
