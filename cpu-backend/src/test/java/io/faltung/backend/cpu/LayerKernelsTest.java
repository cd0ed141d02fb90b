package io.faltung.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.Map;
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
