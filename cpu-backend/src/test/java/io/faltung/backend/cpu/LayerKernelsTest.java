package io.faltung.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.spi.Buffer;
import io.faltung.spi.ConvSpec;
import io.faltung.spi.DType;
import io.faltung.spi.PoolSpec;
import io.faltung.spi.PrimitiveOp;
import io.faltung.spi.View;
import io.faltung.testkit.Comparison;
import io.faltung.testkit.Domain;
import io.faltung.testkit.Layout;
import io.faltung.testkit.OpCase;
import io.faltung.testkit.ReferenceBackend;
import io.faltung.testkit.Tolerance;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The convolution, pooling and cell kernels at sizes the catalogue keeps away from: more images
 * than threads, one image large enough for the GEMM to split over the pool, scratch reused across
 * calls of different sizes; and their argument checks.
 */
class LayerKernelsTest {
    private final CpuBackend cpu = new CpuBackend(2);
    private final ReferenceBackend reference = new ReferenceBackend();
    private static final Tolerance F32 = new Tolerance(2e-4, 2e-4);

    @AfterEach
    void close() {
        cpu.close();
        reference.close();
    }

    /** Runs all three convolution primitives on both backends and compares every output. */
    private void convolutionMatchesTheReference(String name, int[] x, int[] w, ConvSpec spec) {
        int[] y = spec.outputShape(x, w);
        OpCase c = OpCase.of(PrimitiveOp.CONV_FORWARD, name, DType.FLOAT32, F32, ctx -> {
            View xs = ctx.input(DType.FLOAT32, Domain.STANDARD, Layout.CONTIGUOUS, x);
            View ws = ctx.input(DType.FLOAT32, Domain.STANDARD, Layout.CONTIGUOUS, w);
            View dy = ctx.input(DType.FLOAT32, Domain.STANDARD, Layout.CONTIGUOUS, y);
            ctx.backend().convForward(spec, xs, ws, ctx.output("y", DType.FLOAT32, Domain.NAN, Layout.CONTIGUOUS, y));
            ctx.backend().convBackwardData(spec, dy, ws, ctx.output("dx", DType.FLOAT32, Domain.NAN, Layout.OFFSET, x));
            ctx.backend().convBackwardFilter(spec, xs, dy, ctx.output("dw", DType.FLOAT32, Domain.NAN, Layout.OFFSET, w));
        });
        assertMatches(c);
    }

    private void assertMatches(OpCase c) {
        Map<String, double[]> expected = c.run(reference);
        Map<String, double[]> first = c.run(cpu);
        expected.forEach((output, values) -> {
            Comparison comparison = c.tolerance().compare(c.id() + " " + output, values, first.get(output));
            assertTrue(comparison.passed(), comparison.message());
        });
        Map<String, double[]> again = c.run(cpu);
        first.forEach((output, values) -> assertArrayEquals(values, again.get(output), c.id() + " " + output + " repeats"));
    }

    @Test
    void moreImagesThanThreadsSplitByImageAndPartialFilterGradients() {
        convolutionMatchesTheReference("batch 5", new int[] {5, 6, 9, 8}, new int[] {8, 3, 3, 3},
                new ConvSpec(1, 2, 1, 1, 1, 1, 2));
    }

    @Test
    void manyImagesGoInSeveralRoundsOfBatches() {
        // 16·3·3 lowered rows × 144 positions ≈ 20 K elements per image: at most 6 images per batch,
        // so 13 images over 2 threads make 2 rounds, 4 batches of 3 or 4
        convolutionMatchesTheReference("13 images in batches", new int[] {13, 16, 12, 12}, new int[] {8, 16, 3, 3},
                new ConvSpec(1, 1, 1, 1, 1, 1, 1));
    }

    @Test
    void oneLargeImageSplitsTheGemmOverThePool() {
        convolutionMatchesTheReference("one large image", new int[] {1, 16, 16, 16}, new int[] {32, 16, 3, 3},
                new ConvSpec(1, 1, 1, 1, 1, 1, 1));
    }

    @Test
    void loweredRowsBeyondOneCacheBlockAndOutputRowsAcrossPanels() {
        // 32·3·3 = 288 lowered rows: more than one KC block of the packed GEMM; 7·9 = 63 positions per
        // image, so panels of output columns start mid-row and span images; stride 2 and 2 groups
        convolutionMatchesTheReference("288 rows", new int[] {6, 32, 7, 9}, new int[] {10, 32, 3, 3},
                new ConvSpec(1, 1, 1, 1, 1, 1, 1));
        convolutionMatchesTheReference("groups, stride 2", new int[] {5, 64, 9, 11}, new int[] {12, 32, 3, 3},
                new ConvSpec(2, 2, 1, 2, 1, 1, 2));
    }

    @Test
    void scratchGrownForALargeCallServesASmallerOneAndViceVersa() {
        convolutionMatchesTheReference("small", new int[] {3, 2, 5, 5}, new int[] {2, 2, 2, 2}, ConvSpec.unit());
        convolutionMatchesTheReference("larger", new int[] {4, 4, 12, 11}, new int[] {5, 4, 5, 3}, new ConvSpec(2, 1, 2, 1, 1, 2, 1));
        convolutionMatchesTheReference("pointwise", new int[] {3, 4, 5, 6}, new int[] {6, 2, 1, 1}, new ConvSpec(1, 1, 0, 0, 1, 1, 2));
    }

    @Test
    void poolingAndCellsOverManyPlanesAndRows() {
        assertMatches(OpCase.of(PrimitiveOp.POOL_BACKWARD, "many planes", DType.FLOAT32, F32, ctx -> {
            int[] x = {6, 8, 24, 24};
            PoolSpec spec = new PoolSpec(PoolSpec.Mode.MAX, 3, 3, 2, 2, 1, 1);
            View xs = ctx.input(DType.FLOAT32, Domain.HALVES, Layout.CONTIGUOUS, x);
            View y = ctx.output("y", DType.FLOAT32, Domain.NAN, Layout.CONTIGUOUS, spec.outputShape(x));
            ctx.backend().poolForward(spec, xs, y);
            View dy = ctx.input(DType.FLOAT32, Domain.STANDARD, Layout.CONTIGUOUS, spec.outputShape(x));
            ctx.backend().poolBackward(spec, xs, y, dy, ctx.output("dx", DType.FLOAT32, Domain.NAN, Layout.CONTIGUOUS, x));
        }));
        assertMatches(OpCase.of(PrimitiveOp.LSTM_CELL_FORWARD, "130 x 128: rows split over the pool", DType.FLOAT32, F32, ctx -> {
            View gates = ctx.input(DType.FLOAT32, Domain.WIDE, Layout.CONTIGUOUS, 130, 512);
            View cPrev = ctx.input(DType.FLOAT32, Domain.STANDARD, Layout.CONTIGUOUS, 130, 128);
            ctx.backend().lstmCellForward(gates, cPrev, ctx.output("h", DType.FLOAT32, Layout.CONTIGUOUS, 130, 128),
                    ctx.output("c", DType.FLOAT32, Layout.CONTIGUOUS, 130, 128),
                    ctx.output("saved", DType.FLOAT32, Layout.CONTIGUOUS, 130, 512));
        }));
    }

    /**
     * Max pooling over NaN and signed-zero ties, where "first maximum in row-major order, NaN
     * largest" is visible in the bits: the FLOAT32 kernel against the FLOAT64 one, for the 2×2
     * stride-2 loop and the general one, plus the expected values of the 2×2 case.
     */
    @Test
    void maxPoolingKeepsTheFirstMaximumWithNanAndSignedZeros() {
        float nan = Float.NaN;
        float[] x = {
            -0f, 0f, 1, nan, 7, 0f, -0f,
            0f, -0f, nan, 3, 5, -1, -2,
            -3, 9, 5, 4, -1, -1, 0f,
            6, nan, 9, 6, 6, -0f, -0f,
            0f, -0f, 8, 8, 8, 8, 8};
        int[] shape = {1, 1, 5, 7};
        // rows of 35, 21 and 16 columns: the 2x2 loop takes 8 lanes at a time, then the scalar tail (and the
        // last row of the array, whose right neighbour would lie beyond it)
        float[] wide = new float[2 * 3 * 7 * 35];
        float[] pick = {-1, -0f, 0f, 1, nan, 0f};
        Random random = new Random(7);
        for (int i = 0; i < wide.length; i++) {
            wide[i] = pick[random.nextInt(pick.length)];
        }
        for (PoolSpec spec : new PoolSpec[] {new PoolSpec(PoolSpec.Mode.MAX, 2, 2, 2, 2, 0, 0),
                new PoolSpec(PoolSpec.Mode.MAX, 3, 3, 1, 2, 1, 1), new PoolSpec(PoolSpec.Mode.MAX, 2, 2, 1, 1, 0, 0)}) {
            assertSamePooling(spec, x, shape);
            assertSamePooling(spec, wide, new int[] {2, 3, 7, 35});
            assertSamePooling(spec, Arrays.copyOf(wide, 2 * 3 * 7 * 21), new int[] {2, 3, 7, 21});
            assertSamePooling(spec, Arrays.copyOf(wide, 2 * 3 * 6 * 16), new int[] {2, 3, 6, 16});
        }
        double[][] pairs = maxPool(new PoolSpec(PoolSpec.Mode.MAX, 2, 2, 2, 2, 0, 0), DType.FLOAT32, x, shape);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(pairs[0][0]), "-0 comes first");
        assertTrue(Double.isNaN(pairs[0][1]), "NaN is largest");
        assertTrue(Double.isNaN(pairs[0][3]) && pairs[0][2] == 7 && pairs[0][4] == 9 && pairs[0][5] == 6, Arrays.toString(pairs[0]));
        double[] dx = new double[x.length];
        dx[0] = 1;
        dx[3] = 2;
        dx[4] = 3;
        dx[22] = 4;
        dx[23] = 5;
        dx[25] = 6;
        assertArrayEquals(dx, pairs[1], "gradient of each window at its first maximum");
    }

    /** FLOAT32 and FLOAT64 max pooling agree to the bit: same NaNs, same signed zeros, same routing. */
    private void assertSamePooling(PoolSpec spec, float[] x, int[] shape) {
        double[][] single = maxPool(spec, DType.FLOAT32, x, shape);
        double[][] twice = maxPool(spec, DType.FLOAT64, x, shape);
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < single[k].length; i++) {
                assertEquals(0, Double.compare(twice[k][i], single[k][i]),
                        spec + " " + Arrays.toString(shape) + (k == 0 ? " y[" : " dx[") + i + "]");
            }
        }
    }

    /** {@code {y, dx}} of max pooling {@code x} in {@code dtype}, with {@code dy = 1, 2, 3, …}. */
    private double[][] maxPool(PoolSpec spec, DType dtype, float[] x, int[] shape) {
        int[] yShape = spec.outputShape(shape);
        int n = yShape[0] * yShape[1] * yShape[2] * yShape[3];
        double[] dy = new double[n];
        Arrays.setAll(dy, i -> i + 1);
        double[] xs = new double[x.length];
        Arrays.setAll(xs, i -> x[i]);
        try (Buffer xb = cpu.allocate(dtype, x.length); Buffer yb = cpu.allocate(dtype, n);
             Buffer dyb = cpu.allocate(dtype, n); Buffer dxb = cpu.allocate(dtype, x.length)) {
            upload(xb, xs);
            upload(dyb, dy);
            View yv = View.contiguous(yb, yShape);
            cpu.poolForward(spec, View.contiguous(xb, shape), yv);
            cpu.poolBackward(spec, View.contiguous(xb, shape), yv, View.contiguous(dyb, yShape), View.contiguous(dxb, shape));
            return new double[][] {download(yb, n), download(dxb, x.length)};
        }
    }

    private void upload(Buffer b, double[] values) {
        if (b.dtype() == DType.FLOAT64) {
            cpu.upload(values, 0, b, 0, values.length);
        } else {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            cpu.upload(f, 0, b, 0, f.length);
        }
    }

    private double[] download(Buffer b, int n) {
        double[] out = new double[n];
        if (b.dtype() == DType.FLOAT64) {
            cpu.download(b, 0, out, 0, n);
        } else {
            float[] f = new float[n];
            cpu.download(b, 0, f, 0, n);
            Arrays.setAll(out, i -> f[i]);
        }
        return out;
    }

    @Test
    void badArgumentsNameTheOperandAndShape() {
        try (Buffer x = cpu.allocate(DType.FLOAT32, 64); Buffer w = cpu.allocate(DType.FLOAT32, 64);
             Buffer y = cpu.allocate(DType.FLOAT32, 64)) {
            View input = View.contiguous(x, 1, 2, 4, 4);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cpu.convForward(ConvSpec.unit(),
                    input, View.contiguous(w, 3, 2, 3, 3), View.contiguous(y, 1, 3, 3, 3)));
            assertTrue(e.getMessage().contains("convForward: y has shape [1, 3, 3, 3]") && e.getMessage().contains("[1, 3, 2, 2]"),
                    e.getMessage());
            View transposed = new View(x, new int[] {1, 2, 4, 4}, new int[] {32, 1, 2, 8}, 0);
            e = assertThrows(IllegalArgumentException.class, () -> cpu.poolForward(new PoolSpec(PoolSpec.Mode.MAX, 2, 2, 2, 2, 0, 0),
                    transposed, View.contiguous(y, 1, 2, 2, 2)));
            assertTrue(e.getMessage().contains("poolForward: x must be contiguous"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> cpu.lstmCellForward(View.contiguous(x, 2, 12),
                    View.contiguous(w, 2, 4), View.contiguous(y, 2, 4), View.contiguous(y, 2, 4), View.contiguous(w, 2, 16)));
            assertTrue(e.getMessage().contains("lstmCellForward: gates must have shape [2, 16]"), e.getMessage());
        }
    }
}
