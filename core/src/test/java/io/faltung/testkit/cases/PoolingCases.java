package io.faltung.testkit.cases;

import io.faltung.spi.DType;
import io.faltung.spi.PoolSpec;
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
 * Parity cases for POOL_FORWARD and POOL_BACKWARD: every mode over every geometry (padding,
 * overlapping windows, asymmetric windows and strides, 1-D, a window as large as the input, batch 1,
 * inputs no window reads), plus MAX over inputs full of ties — routed to the first maximum — and
 * over all-negative values with padding, which must never win. Backward cases compute {@code y}
 * with the backend's own forward, as a caller would.
 */
public final class PoolingCases {
    /** MAX is exact; averages divide once; backward sums up to a window's worth of gradients. */
    static final Tolerance F32 = new Tolerance(1e-6, 1e-6);
    static final Tolerance F64 = new Tolerance(1e-14, 1e-13);

    private PoolingCases() {
    }

    /** Input shape and window geometry; the mode is added per case. */
    private record Geometry(String what, int[] x, int wh, int ww, int sh, int sw, int ph, int pw) {
        PoolSpec spec(PoolSpec.Mode mode) {
            return new PoolSpec(mode, wh, ww, sh, sw, ph, pw);
        }

        @Override
        public String toString() {
            return what + " x " + Shapes.of(x) + " window " + wh + "x" + ww + " stride " + sh + "x" + sw + " pad " + ph + "x"
                    + pw;
        }
    }

    private static final List<Geometry> GEOMETRIES = List.of(
            new Geometry("LeNet 2x2", new int[] {2, 3, 6, 6}, 2, 2, 2, 2, 0, 0),
            new Geometry("3x3 stride 2 padded, overlapping", new int[] {1, 2, 7, 7}, 3, 3, 2, 2, 1, 1),
            new Geometry("3x3 stride 1 padded", new int[] {2, 2, 5, 4}, 3, 3, 1, 1, 1, 1),
            new Geometry("3x1 window, stride 2x1", new int[] {2, 3, 7, 5}, 3, 1, 2, 1, 1, 0),
            new Geometry("2x3 window, stride 1x3", new int[] {1, 2, 4, 8}, 2, 3, 1, 3, 1, 1),
            new Geometry("1-D", new int[] {2, 3, 1, 9}, 1, 3, 1, 2, 0, 1),
            new Geometry("window = input", new int[] {2, 3, 4, 5}, 4, 5, 1, 1, 0, 0),
            new Geometry("batch 1, last row unread", new int[] {1, 1, 5, 5}, 2, 2, 2, 2, 0, 0));

    /** Cases for POOL_FORWARD. */
    public static List<OpCase> forward() {
        return each(PrimitiveOp.POOL_FORWARD, (t, spec, g, domain, in) -> ctx -> {
            View x = ctx.input(t, domain, in, g.x());
            ctx.backend().poolForward(spec, x, ctx.output("y", t, Domain.NAN, in, spec.outputShape(g.x())));
        });
    }

    /** Cases for POOL_BACKWARD. */
    public static List<OpCase> backward() {
        return each(PrimitiveOp.POOL_BACKWARD, (t, spec, g, domain, in) -> ctx -> {
            int[] yShape = spec.outputShape(g.x());
            View x = ctx.input(t, domain, in, g.x());
            View y = ctx.input(t, Domain.NAN, Layout.CONTIGUOUS, yShape);
            ctx.backend().poolForward(spec, x, y);
            View dy = ctx.input(t, Domain.STANDARD, in, yShape);
            ctx.backend().poolBackward(spec, x, y, dy, ctx.output("dx", t, Domain.NAN, in, g.x()));
        });
    }

    /** The body of one case. */
    @FunctionalInterface
    private interface Body {
        OpCase.Body make(DType t, PoolSpec spec, Geometry g, Domain domain, Layout in);
    }

    private static List<OpCase> each(PrimitiveOp op, Body body) {
        List<OpCase> cases = new ArrayList<>();
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
            int i = 0;
            for (PoolSpec.Mode mode : PoolSpec.Mode.values()) {
                for (Geometry g : GEOMETRIES) {
                    Layout in = i++ % 2 == 0 ? Layout.CONTIGUOUS : Layout.OFFSET;
                    cases.add(make(op, t, mode, g, Domain.STANDARD, in, body));
                }
            }
            for (Geometry g : List.of(GEOMETRIES.get(1), GEOMETRIES.get(2), GEOMETRIES.get(4))) {
                cases.add(make(op, t, PoolSpec.Mode.MAX, g, Domain.TIES, Layout.OFFSET, body));
                cases.add(make(op, t, PoolSpec.Mode.MAX, g, Domain.NEGATIVE, Layout.CONTIGUOUS, body));
            }
        }
        return cases;
    }

    private static OpCase make(PrimitiveOp op, DType t, PoolSpec.Mode mode, Geometry g, Domain domain, Layout in, Body body) {
        String name = mode + " " + g + " " + in + (domain == Domain.STANDARD ? "" : " " + domain);
        return OpCase.of(op, name, t, Tolerance.forDType(t, F32, F64), body.make(t, g.spec(mode), g, domain, in));
    }
}
