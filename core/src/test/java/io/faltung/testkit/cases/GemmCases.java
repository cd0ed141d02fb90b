package io.faltung.testkit.cases;

import io.faltung.spi.DType;
import io.faltung.spi.GemmSpec;
import io.faltung.spi.PrimitiveOp;
import io.faltung.spi.View;
import io.faltung.testkit.Domain;
import io.faltung.testkit.Layout;
import io.faltung.testkit.OpCase;
import io.faltung.testkit.Tolerance;
import java.util.ArrayList;
import java.util.List;

/**
 * Parity cases for GEMM: every transpose combination, alpha/beta (beta 0 over a NaN C), batches,
 * batch broadcast (extent 1 or stride 0), degenerate extents and strided or flipped operands.
 */
public final class GemmCases {
    /** Sums of up to 33 products in any order, plus alpha/beta scaling. */
    static final Tolerance F32 = new Tolerance(1e-4, 1e-4);
    static final Tolerance F64 = new Tolerance(1e-12, 1e-12);

    private GemmCases() {
    }

    /** Extents of one product: batch 0 means rank-2 operands. */
    private record Dims(int batchA, int batchB, int batch, int m, int k, int n) {
        static Dims of(int m, int k, int n) {
            return new Dims(0, 0, 0, m, k, n);
        }

        static Dims batched(int batchA, int batchB, int batch, int m, int k, int n) {
            return new Dims(batchA, batchB, batch, m, k, n);
        }

        @Override
        public String toString() {
            String b = batch == 0 ? "" : "batch " + batchA + "·" + batchB + "→" + batch + " ";
            return b + m + "x" + k + "x" + n;
        }
    }

    /** Layouts of A, B and C (C is prefilled with NaN when beta is 0). */
    private record Layouts(Layout a, Layout b, Layout c) {
        @Override
        public String toString() {
            return "A " + a + " B " + b + " C " + c;
        }
    }

    private static final Layouts DENSE = new Layouts(Layout.CONTIGUOUS, Layout.CONTIGUOUS, Layout.CONTIGUOUS);

    /** Cases for GEMM. */
    public static List<OpCase> cases() {
        List<OpCase> cases = new ArrayList<>();
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
            for (int flags = 0; flags < 4; flags++) {
                boolean ta = (flags & 1) != 0;
                boolean tb = (flags & 2) != 0;
                cases.add(gemm(t, GemmSpec.of(ta, tb), Dims.of(3, 5, 2), DENSE));
                cases.add(gemm(t, new GemmSpec(ta, tb, 0.5, -1.5), Dims.of(4, 3, 5), DENSE));
                cases.add(gemm(t, new GemmSpec(ta, tb, -2, 1), Dims.batched(4, 4, 4, 2, 3, 5),
                        new Layouts(Layout.STEPPED, Layout.TRANSPOSED, Layout.STEPPED)));
                cases.add(gemm(t, GemmSpec.of(ta, tb), Dims.of(5, 4, 3),
                        new Layouts(Layout.FLIPPED, Layout.FLIP_FIRST, Layout.STEPPED_FLIPPED)));
            }
            cases.add(gemm(t, GemmSpec.plain(), Dims.batched(1, 3, 3, 2, 4, 3), DENSE));
            cases.add(gemm(t, GemmSpec.of(false, true), Dims.batched(3, 1, 3, 2, 4, 3),
                    new Layouts(Layout.TRANSPOSED, Layout.CONTIGUOUS, Layout.CONTIGUOUS)));
            cases.add(gemm(t, GemmSpec.plain(), Dims.batched(3, 3, 3, 2, 4, 3),
                    new Layouts(Layout.CONTIGUOUS, Layout.CONTIGUOUS.broadcasting(0), Layout.CONTIGUOUS)));
            cases.add(gemm(t, new GemmSpec(true, false, 1, 0.5), Dims.batched(1, 1, 1, 3, 2, 4), DENSE));
            cases.add(gemm(t, GemmSpec.plain(), Dims.of(1, 1, 1), DENSE));
            cases.add(gemm(t, GemmSpec.plain(), Dims.of(4, 1, 3), DENSE));
            cases.add(gemm(t, GemmSpec.of(true, false), Dims.of(1, 9, 1), DENSE));
            cases.add(gemm(t, GemmSpec.of(true, true), Dims.of(17, 33, 9),
                    new Layouts(Layout.STEPPED, Layout.CONTIGUOUS, Layout.TRANSPOSED)));
            cases.add(gemm(t, new GemmSpec(false, true, 1.5, 2), Dims.batched(2, 2, 2, 3, 4, 5),
                    new Layouts(Layout.TRANSPOSED_FLIPPED, Layout.STEPPED_FLIPPED, Layout.FLIPPED)));
        }
        return cases;
    }

    private static OpCase gemm(DType t, GemmSpec spec, Dims d, Layouts layouts) {
        String name = d + " " + (spec.transposeA() ? "Aᵀ" : "A") + (spec.transposeB() ? "Bᵀ" : "B") + " α " + spec.alpha()
                + " β " + spec.beta() + (layouts == DENSE ? "" : " " + layouts);
        Tolerance tolerance = Tolerance.forDType(t, F32, F64);
        return OpCase.of(PrimitiveOp.GEMM, name, t, tolerance, ctx -> {
            int[] aShape = shape(d.batchA(), spec.transposeA() ? d.k() : d.m(), spec.transposeA() ? d.m() : d.k());
            int[] bShape = shape(d.batchB(), spec.transposeB() ? d.n() : d.k(), spec.transposeB() ? d.k() : d.n());
            View a = ctx.input(t, Domain.STANDARD, layouts.a(), aShape);
            View b = ctx.input(t, Domain.STANDARD, layouts.b(), bShape);
            Domain old = spec.beta() == 0 ? Domain.NAN : Domain.STANDARD;
            View c = ctx.output("C", t, old, layouts.c(), shape(d.batch(), d.m(), d.n()));
            ctx.backend().gemm(spec, a, b, c);
        });
    }

    private static int[] shape(int batch, int rows, int cols) {
        return batch == 0 ? new int[] {rows, cols} : new int[] {batch, rows, cols};
    }
}
