package io.faltung.testkit.cases;

import io.faltung.spi.ConvSpec;
import io.faltung.spi.DType;
import io.faltung.spi.PrimitiveOp;
import io.faltung.spi.View;
import io.faltung.testkit.Domain;
import io.faltung.testkit.Layout;
import io.faltung.testkit.OpCase;
import io.faltung.testkit.Shapes;
import io.faltung.testkit.Tolerance;
import java.util.ArrayList;
import java.util.List;

/**
 * Parity cases for CONV_FORWARD, CONV_BACKWARD_DATA and CONV_BACKWARD_FILTER: every geometry runs
 * through all three. Geometries cover stride, padding (also wider than the kernel), dilation,
 * groups (depthwise too), 1-D (H = 1), asymmetric kernels and strides, input rows no output reads,
 * a kernel as large as the input, batch 1, 1×1 filters. Outputs are prefilled with NaN (they are
 * overwritten, never accumulated); operands alternate between dense and offset views.
 */
public final class ConvolutionCases {
    /** Sums of up to a few hundred products of values below 2 in magnitude, in any order. */
    static final Tolerance F32 = new Tolerance(1e-4, 1e-4);
    static final Tolerance F64 = new Tolerance(1e-12, 1e-12);

    private ConvolutionCases() {
    }

    /** Input {@code [N, C, H, W]}, filters {@code [K, C/groups, R, S]} and the spec. */
    private record Geometry(String what, int[] x, int[] w, ConvSpec spec) {
        int[] y() {
            return spec.outputShape(x, w);
        }

        @Override
        public String toString() {
            ConvSpec s = spec;
            return what + " x " + Shapes.of(x) + " w " + Shapes.of(w) + " stride " + s.strideH() + "x" + s.strideW()
                    + " pad " + s.padH() + "x" + s.padW() + " dilation " + s.dilationH() + "x" + s.dilationW()
                    + " groups " + s.groups();
        }
    }

    private static Geometry g(String what, int[] x, int[] w, int sh, int sw, int ph, int pw, int dh, int dw, int groups) {
        return new Geometry(what, x, w, new ConvSpec(sh, sw, ph, pw, dh, dw, groups));
    }

    private static final List<Geometry> GEOMETRIES = List.of(
            g("3x3", new int[] {2, 3, 7, 6}, new int[] {4, 3, 3, 3}, 1, 1, 0, 0, 1, 1, 1),
            g("same padding", new int[] {2, 2, 5, 5}, new int[] {3, 2, 3, 3}, 1, 1, 1, 1, 1, 1, 1),
            g("stride 2 padded", new int[] {1, 3, 8, 7}, new int[] {2, 3, 3, 3}, 2, 2, 1, 1, 1, 1, 1),
            g("7x1 kernel, stride 2x3", new int[] {2, 2, 11, 9}, new int[] {3, 2, 7, 1}, 2, 3, 2, 0, 1, 1, 1),
            g("dilation 2", new int[] {1, 2, 9, 9}, new int[] {2, 2, 3, 3}, 1, 1, 2, 2, 2, 2, 1),
            g("dilation 2x1 stride 1x2", new int[] {2, 3, 8, 9}, new int[] {2, 3, 2, 3}, 1, 2, 1, 1, 2, 1, 1),
            g("2 groups", new int[] {2, 4, 6, 6}, new int[] {6, 2, 3, 3}, 1, 1, 1, 1, 1, 1, 2),
            g("depthwise x2", new int[] {1, 3, 5, 5}, new int[] {6, 1, 3, 3}, 1, 1, 1, 1, 1, 1, 3),
            g("1-D", new int[] {2, 3, 1, 16}, new int[] {4, 3, 1, 5}, 1, 2, 0, 2, 1, 2, 1),
            g("kernel = input, batch 1", new int[] {1, 3, 4, 5}, new int[] {2, 3, 4, 5}, 1, 1, 0, 0, 1, 1, 1),
            g("1x1", new int[] {2, 5, 3, 4}, new int[] {3, 5, 1, 1}, 1, 1, 0, 0, 1, 1, 1),
            g("LeNet-like 5x5", new int[] {3, 1, 10, 10}, new int[] {4, 1, 5, 5}, 1, 1, 0, 0, 1, 1, 1),
            g("stride 3 > kernel, rows unread", new int[] {2, 2, 9, 10}, new int[] {2, 2, 2, 2}, 3, 3, 0, 0, 1, 1, 1),
            g("padding 2 > kernel/2", new int[] {1, 2, 4, 3}, new int[] {2, 2, 3, 3}, 1, 1, 2, 2, 1, 1, 1),
            g("odd everything", new int[] {3, 6, 7, 5}, new int[] {9, 2, 3, 2}, 2, 1, 1, 1, 1, 2, 3));

    /** Cases for CONV_FORWARD. */
    public static List<OpCase> forward() {
        return each((t, g, in, out) -> OpCase.of(PrimitiveOp.CONV_FORWARD, g + " " + in + " → " + out, t, tolerance(t),
                ctx -> {
                    View x = ctx.input(t, Domain.STANDARD, in, g.x());
                    View w = ctx.input(t, Domain.STANDARD, in, g.w());
                    ctx.backend().convForward(g.spec(), x, w, ctx.output("y", t, Domain.NAN, out, g.y()));
                }));
    }

    /** Cases for CONV_BACKWARD_DATA. */
    public static List<OpCase> backwardData() {
        return each((t, g, in, out) -> OpCase.of(PrimitiveOp.CONV_BACKWARD_DATA, g + " " + in + " → " + out, t,
                tolerance(t), ctx -> {
                    View dy = ctx.input(t, Domain.STANDARD, in, g.y());
                    View w = ctx.input(t, Domain.STANDARD, in, g.w());
                    ctx.backend().convBackwardData(g.spec(), dy, w, ctx.output("dx", t, Domain.NAN, out, g.x()));
                }));
    }

    /** Cases for CONV_BACKWARD_FILTER. */
    public static List<OpCase> backwardFilter() {
        return each((t, g, in, out) -> OpCase.of(PrimitiveOp.CONV_BACKWARD_FILTER, g + " " + in + " → " + out, t,
                tolerance(t), ctx -> {
                    View x = ctx.input(t, Domain.STANDARD, in, g.x());
                    View dy = ctx.input(t, Domain.STANDARD, in, g.y());
                    ctx.backend().convBackwardFilter(g.spec(), x, dy, ctx.output("dw", t, Domain.NAN, out, g.w()));
                }));
    }

    /** Builds one case from a dtype, a geometry and the layouts of the inputs and of the output. */
    @FunctionalInterface
    private interface Maker {
        OpCase make(DType t, Geometry g, Layout in, Layout out);
    }

    private static List<OpCase> each(Maker maker) {
        List<OpCase> cases = new ArrayList<>();
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
            int i = 0;
            for (Geometry g : GEOMETRIES) {
                Layout in = i % 2 == 0 ? Layout.CONTIGUOUS : Layout.OFFSET;
                Layout out = i % 3 == 0 ? Layout.OFFSET : Layout.CONTIGUOUS;
                cases.add(maker.make(t, g, in, out));
                i++;
            }
        }
        return cases;
    }

    private static Tolerance tolerance(DType t) {
        return Tolerance.forDType(t, F32, F64);
    }
}
