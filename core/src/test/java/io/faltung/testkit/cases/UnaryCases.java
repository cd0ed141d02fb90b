package io.faltung.testkit.cases;


import io.faltung.spi.DType;
import io.faltung.spi.PrimitiveOp;
import io.faltung.spi.UnaryOp;
import io.faltung.spi.View;
import io.faltung.testkit.Domain;
import io.faltung.testkit.Layout;
import io.faltung.testkit.OpCase;
import io.faltung.testkit.Shapes;
import io.faltung.testkit.Tolerance;
import java.util.ArrayList;
import java.util.List;

/** Parity cases for UNARY: every op in its domain, every shape, every layout, in place. */
public final class UnaryCases {
    /**
     * Relative: a few float32 ulps, or libm differences in float64. The absolute part is tiny so
     * that small results (exp of −10, sigmoid tails) are still checked relatively.
     */
    static final Tolerance F32 = new Tolerance(1e-9, 4e-6);
    static final Tolerance F64 = new Tolerance(1e-14, 1e-13);

    private UnaryCases() {
    }

    /** Cases for UNARY. */
    public static List<OpCase> cases() {
        List<OpCase> cases = new ArrayList<>();
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
            for (UnaryOp op : UnaryOp.values()) {
                cases.add(unary(op, t, new int[] {3, 5}, Layout.CONTIGUOUS, Layout.CONTIGUOUS));
                cases.add(unary(op, t, new int[] {2, 3, 4}, Layout.strided(op.ordinal()),
                        Layout.strided(op.ordinal() + 3)));
                cases.add(inPlace(op, t, new int[] {4, 3}, Layout.strided(op.ordinal() + 1)));
            }
            int i = 0;
            for (int[] shape : Shapes.AWKWARD) {
                cases.add(unary(UnaryOp.EXP, t, shape, Layout.ALL.get(i % Layout.ALL.size()), Layout.strided(i)));
                i++;
            }
            cases.add(unary(UnaryOp.SQRT, t, new int[] {4, 6}, Layout.TRANSPOSED.broadcasting(1), Layout.STEPPED));
        }
        return cases;
    }

    /** The input domain of {@code op}. */
    static Domain domain(UnaryOp op) {
        return switch (op) {
            case LOG, SQRT -> Domain.POSITIVE;
            case RECIPROCAL -> Domain.NONZERO;
            case EXP, TANH, SIGMOID -> Domain.WIDE;
            case ABS, SIGN, RELU -> Domain.HALVES;
            case NEG, SIN, COS -> Domain.STANDARD;
        };
    }

    private static OpCase unary(UnaryOp op, DType t, int[] shape, Layout in, Layout out) {
        String name = op + " " + Shapes.of(shape) + " " + in + " → " + out;
        return OpCase.of(PrimitiveOp.UNARY, name, t, tolerance(t), ctx -> {
            View x = ctx.input(t, domain(op), in, shape);
            ctx.backend().unary(op, x, ctx.output("out", t, out, shape));
        });
    }

    private static OpCase inPlace(UnaryOp op, DType t, int[] shape, Layout layout) {
        String name = op + " " + Shapes.of(shape) + " " + layout + " in place";
        return OpCase.of(PrimitiveOp.UNARY, name, t, tolerance(t), ctx -> {
            View x = ctx.output("x", t, domain(op), layout, shape);
            ctx.backend().unary(op, x, x);
        });
    }

    static Tolerance tolerance(DType t) {
        return Tolerance.forDType(t, F32, F64);
    }
}
