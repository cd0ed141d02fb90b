package io.faltung.testkit.cases;

import io.faltung.spi.DType;
import io.faltung.spi.PrimitiveOp;
import io.faltung.spi.ReduceOp;
import io.faltung.spi.View;
import io.faltung.testkit.Domain;
import io.faltung.testkit.Layout;
import io.faltung.testkit.OpCase;
import io.faltung.testkit.Shapes;
import io.faltung.testkit.Tolerance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Parity cases for REDUCE and ARG_MAX: single, multiple, no and all axes; ties; NaN; broadcast inputs. */
public final class ReduceCases {
    /** Sums of up to ~120 terms may be summed in any order (pairwise, blocked, atomics). */
    static final Tolerance SUM_F32 = new Tolerance(1e-5, 1e-5);
    static final Tolerance SUM_F64 = new Tolerance(1e-13, 1e-12);

    private ReduceCases() {
    }

    /** An input shape with the axes reduced over it. */
    private record Axes(int[] shape, int[] axes) {
        int[] kept() {
            int[] out = shape.clone();
            for (int a : axes) {
                out[a] = 1;
            }
            return out;
        }
    }

    private static final List<Axes> REDUCTIONS = List.of(
            new Axes(new int[] {7}, new int[] {0}),
            new Axes(new int[] {3, 5}, new int[] {1}),
            new Axes(new int[] {3, 5}, new int[] {0}),
            new Axes(new int[] {2, 3, 4}, new int[] {0, 2}),
            new Axes(new int[] {2, 3, 4, 5}, new int[] {1, 2, 3}),
            new Axes(new int[] {2, 3, 4}, new int[] {0, 1, 2}),
            new Axes(new int[] {1, 4, 1, 3}, new int[] {0, 2}),
            new Axes(new int[] {2, 3, 4}, new int[] {}),
            new Axes(new int[] {}, new int[] {}));

    /** Cases for REDUCE. */
    public static List<OpCase> reduce() {
        List<OpCase> cases = new ArrayList<>();
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
            for (ReduceOp op : ReduceOp.values()) {
                Domain domain = op == ReduceOp.SUM ? Domain.STANDARD : Domain.HALVES;
                int i = op.ordinal();
                for (Axes r : REDUCTIONS) {
                    Layout in = Layout.ALL.get(i % Layout.ALL.size());
                    Layout out = i % 3 == 0 ? Layout.STEPPED : Layout.CONTIGUOUS;
                    cases.add(reduce(op, t, r, domain, in, out));
                    i++;
                }
                cases.add(reduce(op, t, REDUCTIONS.get(3), domain, Layout.STEPPED.broadcasting(2), Layout.FLIPPED));
                cases.add(reduce(op, t, REDUCTIONS.get(1), Domain.WITH_NAN, Layout.FLIPPED, Layout.CONTIGUOUS));
            }
        }
        return cases;
    }

    /** Cases for ARG_MAX. */
    public static List<OpCase> argMax() {
        List<OpCase> cases = new ArrayList<>();
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
            cases.add(argMax(t, new int[] {7}, 0, Domain.STANDARD, Layout.CONTIGUOUS));
            cases.add(argMax(t, new int[] {3, 5}, 1, Domain.STANDARD, Layout.TRANSPOSED));
            cases.add(argMax(t, new int[] {3, 5}, 0, Domain.STANDARD, Layout.STEPPED));
            cases.add(argMax(t, new int[] {2, 3, 4}, 1, Domain.STANDARD, Layout.FLIPPED));
            cases.add(argMax(t, new int[] {2, 3, 4, 5}, 3, Domain.STANDARD, Layout.STEPPED_FLIPPED));
            cases.add(argMax(t, new int[] {1, 1}, 0, Domain.STANDARD, Layout.CONTIGUOUS));
            cases.add(argMax(t, new int[] {4, 9}, 1, Domain.TIES, Layout.CONTIGUOUS));
            cases.add(argMax(t, new int[] {9, 4}, 0, Domain.TIES, Layout.FLIP_FIRST));
            cases.add(argMax(t, new int[] {2, 6, 3}, 1, Domain.TIES, Layout.TRANSPOSED_FLIPPED));
            cases.add(argMax(t, new int[] {5, 8}, 1, Domain.WITH_NAN, Layout.CONTIGUOUS));
            cases.add(argMax(t, new int[] {8, 5}, 0, Domain.WITH_NAN, Layout.FLIPPED));
            cases.add(argMax(t, new int[] {3, 4}, 1, Domain.STANDARD, Layout.CONTIGUOUS.broadcasting(1)));
        }
        return cases;
    }

    private static OpCase reduce(ReduceOp op, DType t, Axes r, Domain domain, Layout in, Layout out) {
        String name = op + " " + Shapes.of(r.shape()) + " axes " + Arrays.toString(r.axes()) + " " + in + " → " + out
                + (domain == Domain.WITH_NAN ? " with NaN" : "");
        Tolerance tolerance = op == ReduceOp.SUM ? Tolerance.forDType(t, SUM_F32, SUM_F64) : Tolerance.EXACT;
        return OpCase.of(PrimitiveOp.REDUCE, name, t, tolerance, ctx -> {
            View x = ctx.input(t, domain, in, r.shape());
            ctx.backend().reduce(op, x, r.axes().clone(), ctx.output("out", t, out, r.kept()));
        });
    }

    private static OpCase argMax(DType t, int[] shape, int axis, Domain domain, Layout in) {
        String name = Shapes.of(shape) + " axis " + axis + " " + in + " " + domain;
        int[] kept = shape.clone();
        kept[axis] = 1;
        return OpCase.of(PrimitiveOp.ARG_MAX, name, t, Tolerance.EXACT, ctx -> {
            View x = ctx.input(t, domain, in, shape);
            ctx.backend().argMax(x, axis, ctx.output("indices", DType.INT32, Layout.STEPPED, kept));
        }).requiring(DType.INT32);
    }
}
