package io.faltung.testkit.cases;

import io.faltung.spi.BinaryOp;
import io.faltung.spi.DType;
import io.faltung.spi.Operand;
import io.faltung.spi.PrimitiveOp;
import io.faltung.spi.Scalar;
import io.faltung.spi.View;
import io.faltung.testkit.CaseContext;
import io.faltung.testkit.Domain;
import io.faltung.testkit.Layout;
import io.faltung.testkit.OpCase;
import io.faltung.testkit.Shapes;
import java.util.ArrayList;
import java.util.List;

/**
 * Parity cases for BINARY and WHERE: every op, broadcast (0-stride) and Scalar operands, strided views;
 * FLOAT32 and FLOAT64, and INT32 where integer arithmetic is exact.
 */
public final class BinaryCases {
    private BinaryCases() {
    }

    /** An operand recipe: a view in some layout, or a scalar. */
    private record Arg(Layout layout, Double scalar) {
        static Arg view(Layout layout) {
            return new Arg(layout, null);
        }

        static Arg scalar(double value) {
            return new Arg(null, value);
        }

        Operand make(CaseContext ctx, DType t, Domain domain, int[] shape) {
            return scalar != null ? new Scalar(scalar) : ctx.input(t, domain, layout, shape);
        }

        @Override
        public String toString() {
            return scalar != null ? "scalar " + scalar : layout.toString();
        }
    }

    /** Cases for BINARY. */
    public static List<OpCase> binary() {
        List<OpCase> cases = new ArrayList<>();
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
            for (BinaryOp op : BinaryOp.values()) {
                int o = op.ordinal();
                cases.add(binary(op, t, new int[] {3, 5}, Arg.view(Layout.CONTIGUOUS), Arg.view(Layout.CONTIGUOUS),
                        Layout.CONTIGUOUS));
                cases.add(binary(op, t, new int[] {2, 3, 4}, Arg.view(Layout.strided(o)),
                        Arg.view(Layout.strided(o + 1).broadcasting(1)), Layout.strided(o + 2)));
                cases.add(binary(op, t, new int[] {4, 3}, Arg.view(Layout.strided(o + 3)), Arg.scalar(scalar(op)),
                        Layout.CONTIGUOUS));
                cases.add(binary(op, t, new int[] {5}, Arg.scalar(scalar(op)), Arg.view(Layout.FLIPPED),
                        Layout.STEPPED));
            }
            int i = 0;
            for (int[] shape : Shapes.AWKWARD) {
                cases.add(binary(BinaryOp.ADD, t, shape, Arg.view(Layout.ALL.get(i % Layout.ALL.size())),
                        Arg.view(Layout.strided(i + 1)), Layout.strided(i + 4)));
                i++;
            }
            cases.add(binary(BinaryOp.SUB, t, new int[] {3, 4}, Arg.view(Layout.CONTIGUOUS.broadcasting(0)),
                    Arg.view(Layout.FLIPPED.broadcasting(1)), Layout.CONTIGUOUS));
            cases.add(binary(BinaryOp.MUL, t, new int[] {2, 3, 4}, Arg.view(Layout.STEPPED),
                    Arg.view(Layout.CONTIGUOUS.broadcasting(0, 1, 2)), Layout.TRANSPOSED));
            cases.add(binary(BinaryOp.MAX, t, new int[] {6, 2}, Arg.view(Layout.CONTIGUOUS),
                    Arg.view(Layout.FLIPPED), Layout.CONTIGUOUS, Domain.WITH_NAN));
        }
        cases.addAll(integerBinary());
        return cases;
    }

    /**
     * INT32 cases for the ops whose integer result is exact (counters such as batch norm's
     * {@code num_batches_tracked} are INT32 tensors updated by BINARY): DIV and POW are left out,
     * their INT32 result would depend on rounding the spec does not fix.
     */
    private static List<OpCase> integerBinary() {
        List<OpCase> cases = new ArrayList<>();
        DType t = DType.INT32;
        for (BinaryOp op : List.of(BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.MAX, BinaryOp.MIN,
                BinaryOp.GT, BinaryOp.GE, BinaryOp.EQ)) {
            int o = op.ordinal();
            cases.add(binary(op, t, new int[] {3, 5}, Arg.view(Layout.CONTIGUOUS), Arg.view(Layout.STEPPED),
                    Layout.CONTIGUOUS, Domain.INTEGERS));
            cases.add(binary(op, t, new int[] {2, 3, 4}, Arg.view(Layout.strided(o)),
                    Arg.view(Layout.strided(o + 1).broadcasting(1)), Layout.strided(o + 2), Domain.INTEGERS));
            cases.add(binary(op, t, new int[] {}, Arg.view(Layout.CONTIGUOUS), Arg.scalar(1), Layout.CONTIGUOUS,
                    Domain.INTEGERS));
            cases.add(binary(op, t, new int[] {7}, Arg.scalar(-3), Arg.view(Layout.FLIPPED), Layout.STEPPED,
                    Domain.INTEGERS));
        }
        return cases;
    }

    /** Cases for WHERE. */
    public static List<OpCase> where() {
        List<OpCase> cases = new ArrayList<>();
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
            cases.add(where(t, new int[] {3, 5}, Layout.CONTIGUOUS, Arg.view(Layout.CONTIGUOUS),
                    Arg.view(Layout.CONTIGUOUS), Layout.CONTIGUOUS));
            cases.add(where(t, new int[] {2, 3, 4}, Layout.TRANSPOSED, Arg.view(Layout.FLIPPED),
                    Arg.view(Layout.STEPPED), Layout.FLIP_FIRST));
            cases.add(where(t, new int[] {4, 3}, Layout.STEPPED_FLIPPED, Arg.scalar(-0.75), Arg.view(Layout.TRANSPOSED),
                    Layout.STEPPED));
            cases.add(where(t, new int[] {7}, Layout.FLIPPED, Arg.view(Layout.STEPPED), Arg.scalar(2.5),
                    Layout.CONTIGUOUS));
            cases.add(where(t, new int[] {2, 2, 3}, Layout.CONTIGUOUS.broadcasting(2), Arg.scalar(1), Arg.scalar(0.1),
                    Layout.TRANSPOSED_FLIPPED));
            cases.add(where(t, new int[] {}, Layout.CONTIGUOUS, Arg.view(Layout.CONTIGUOUS), Arg.scalar(3),
                    Layout.CONTIGUOUS));
            cases.add(where(t, new int[] {1, 4, 1, 3}, Layout.STEPPED, Arg.view(Layout.CONTIGUOUS.broadcasting(1)),
                    Arg.view(Layout.FLIPPED.broadcasting(3)), Layout.CONTIGUOUS));
        }
        return cases;
    }

    /** Input domains of {@code op}'s two operands. */
    private static Domain[] domains(BinaryOp op) {
        return switch (op) {
            case ADD, SUB, MUL -> new Domain[] {Domain.STANDARD, Domain.STANDARD};
            case DIV -> new Domain[] {Domain.STANDARD, Domain.NONZERO};
            case POW -> new Domain[] {Domain.POSITIVE, Domain.STANDARD};
            case MAX, MIN, GT, GE, EQ -> new Domain[] {Domain.HALVES, Domain.HALVES};
        };
    }

    /** A scalar operand inside {@code op}'s domain for either side; 0.5 ties with HALVES. */
    private static double scalar(BinaryOp op) {
        return switch (op) {
            case ADD, SUB, MUL -> 0.1;
            case DIV -> -0.3;
            case POW -> 1.7;
            case MAX, MIN, GT, GE, EQ -> 0.5;
        };
    }

    private static OpCase binary(BinaryOp op, DType t, int[] shape, Arg a, Arg b, Layout out) {
        return binary(op, t, shape, a, b, out, null);
    }

    private static OpCase binary(BinaryOp op, DType t, int[] shape, Arg a, Arg b, Layout out, Domain override) {
        Domain[] d = override == null ? domains(op) : new Domain[] {override, override};
        String name = op + " " + Shapes.of(shape) + " " + a + " , " + b + " → " + out
                + (override == null ? "" : " " + override);
        return OpCase.of(PrimitiveOp.BINARY, name, t, UnaryCases.tolerance(t), ctx -> {
            Operand x = a.make(ctx, t, d[0], shape);
            Operand y = b.make(ctx, t, d[1], shape);
            ctx.backend().binary(op, x, y, ctx.output("out", t, out, shape));
        });
    }

    private static OpCase where(DType t, int[] shape, Layout cond, Arg a, Arg b, Layout out) {
        String name = Shapes.of(shape) + " cond " + cond + " , " + a + " , " + b + " → " + out;
        return OpCase.of(PrimitiveOp.WHERE, name, t, io.faltung.testkit.Tolerance.EXACT, ctx -> {
            View c = ctx.input(t, Domain.TIES, cond, shape);
            Operand x = a.make(ctx, t, Domain.STANDARD, shape);
            Operand y = b.make(ctx, t, Domain.STANDARD, shape);
            ctx.backend().where(c, x, y, ctx.output("out", t, out, shape));
        });
    }
}
