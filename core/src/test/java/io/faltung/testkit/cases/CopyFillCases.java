package io.faltung.testkit.cases;

import static io.faltung.spi.DType.FLOAT32;
import static io.faltung.spi.DType.FLOAT64;
import static io.faltung.spi.DType.INT32;

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

/** Parity cases for COPY and FILL: every shape and layout pairing, broadcast sources, conversions. */
public final class CopyFillCases {
    private CopyFillCases() {
    }

    /** Cases for COPY. */
    public static List<OpCase> copy() {
        List<OpCase> cases = new ArrayList<>();
        for (DType t : List.of(FLOAT32, FLOAT64)) {
            int i = 0;
            for (int[] shape : Shapes.AWKWARD) {
                Layout src = Layout.ALL.get(i % Layout.ALL.size());
                Layout dst = Layout.strided(i + 2);
                cases.add(copy(shape, t, Domain.STANDARD, src, t, dst));
                i++;
            }
            cases.add(copy(new int[] {3, 4}, t, Domain.STANDARD, Layout.CONTIGUOUS.broadcasting(0), t,
                    Layout.CONTIGUOUS));
            cases.add(copy(new int[] {2, 3, 2}, t, Domain.STANDARD, Layout.FLIPPED.broadcasting(0, 1, 2), t,
                    Layout.STEPPED));
            cases.add(copy(new int[] {4, 5}, t, Domain.WITH_NAN, Layout.STEPPED_FLIPPED, t, Layout.TRANSPOSED));
        }
        cases.add(copy(new int[] {3, 7}, FLOAT64, Domain.STANDARD, Layout.TRANSPOSED, FLOAT32, Layout.CONTIGUOUS));
        cases.add(copy(new int[] {3, 7}, FLOAT32, Domain.STANDARD, Layout.FLIPPED, FLOAT64, Layout.STEPPED));
        cases.add(copy(new int[] {2, 9}, INT32, Domain.INTEGERS, Layout.STEPPED, FLOAT32, Layout.FLIPPED));
        cases.add(copy(new int[] {2, 9}, INT32, Domain.INTEGERS, Layout.FLIP_FIRST, FLOAT64, Layout.CONTIGUOUS));
        cases.add(copy(new int[] {5, 4}, FLOAT32, Domain.FRACTIONS, Layout.TRANSPOSED, INT32, Layout.CONTIGUOUS));
        cases.add(copy(new int[] {5, 4}, FLOAT64, Domain.FRACTIONS, Layout.CONTIGUOUS, INT32, Layout.STEPPED));
        cases.add(copy(new int[] {6}, INT32, Domain.INTEGERS, Layout.FLIPPED, INT32, Layout.STEPPED));
        return cases;
    }

    /** Cases for FILL. */
    public static List<OpCase> fill() {
        List<OpCase> cases = new ArrayList<>();
        double[] values = {0, -1.5, 0.1, 3.0e38};
        for (DType t : List.of(FLOAT32, FLOAT64)) {
            int i = 0;
            for (int[] shape : Shapes.AWKWARD) {
                cases.add(fill(shape, t, Layout.ALL.get(i % Layout.ALL.size()), values[i % values.length]));
                i++;
            }
        }
        cases.add(fill(new int[] {3, 4}, INT32, Layout.STEPPED, -7));
        cases.add(fill(new int[] {2, 2, 2}, INT32, Layout.FLIPPED, 12345));
        return cases;
    }

    private static OpCase copy(int[] shape, DType from, Domain domain, Layout src, DType to, Layout dst) {
        String name = Shapes.of(shape) + " " + src + " → " + dst + (from == to ? "" : " " + from + "→" + to);
        return OpCase.of(PrimitiveOp.COPY, name, to, Tolerance.EXACT, ctx -> {
            View x = ctx.input(from, domain, src, shape);
            View y = ctx.output("dst", to, dst, shape);
            ctx.backend().copy(x, y);
        }).requiring(from);
    }

    private static OpCase fill(int[] shape, DType t, Layout layout, double value) {
        String name = Shapes.of(shape) + " " + layout + " value " + value;
        return OpCase.of(PrimitiveOp.FILL, name, t, Tolerance.EXACT,
                ctx -> ctx.backend().fill(ctx.output("dst", t, layout, shape), value));
    }
}
