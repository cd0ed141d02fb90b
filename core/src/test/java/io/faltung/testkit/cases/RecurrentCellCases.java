package io.faltung.testkit.cases;

import io.faltung.spi.DType;
import io.faltung.spi.PrimitiveOp;
import io.faltung.spi.View;
import io.faltung.testkit.CaseContext;
import io.faltung.testkit.Domain;
import io.faltung.testkit.Layout;
import io.faltung.testkit.OpCase;
import io.faltung.testkit.Tolerance;
import java.util.ArrayList;
import java.util.List;

/**
 * Parity cases for the LSTM and GRU cells: batch 1 and hidden 1, odd hidden sizes (7, 5, 33: vector
 * tails), hidden 16, pre-activations in the saturating range ({@link Domain#WIDE}) and around zero,
 * dense and offset views. Backward cases first run the backend's own forward to produce
 * {@code saved} (and {@code c}), as the autograd rule does, so the gates are realistic.
 */
public final class RecurrentCellCases {
    /**
     * A few float ulps through σ/tanh (vectorised or GPU library versions of exp/tanh included) and
     * products of up to four factors of magnitude up to about 2: 2e-6 is 16 ulps at 1.
     */
    static final Tolerance F32 = new Tolerance(2e-6, 1e-5);
    static final Tolerance F64 = new Tolerance(1e-14, 1e-12);

    private RecurrentCellCases() {
    }

    /** Batch B and hidden size H. */
    private record Size(int batch, int hidden) {
        int[] state() {
            return new int[] {batch, hidden};
        }

        int[] gates(int count) {
            return new int[] {batch, count * hidden};
        }
    }

    private static final List<Size> SIZES = List.of(new Size(1, 1), new Size(1, 7), new Size(3, 5), new Size(4, 16),
            new Size(2, 33));

    /** Cases for LSTM_CELL_FORWARD. */
    public static List<OpCase> lstmForward() {
        return each(PrimitiveOp.LSTM_CELL_FORWARD, (t, n, domain, in, ctx) -> {
            View gates = ctx.input(t, domain, in, n.gates(4));
            View cPrev = ctx.input(t, Domain.STANDARD, in, n.state());
            ctx.backend().lstmCellForward(gates, cPrev, ctx.output("h", t, Domain.NAN, in, n.state()),
                    ctx.output("c", t, Domain.NAN, in, n.state()), ctx.output("saved", t, Domain.NAN, in, n.gates(4)));
        });
    }

    /** Cases for LSTM_CELL_BACKWARD. */
    public static List<OpCase> lstmBackward() {
        return each(PrimitiveOp.LSTM_CELL_BACKWARD, (t, n, domain, in, ctx) -> {
            View gates = ctx.input(t, domain, in, n.gates(4));
            View cPrev = ctx.input(t, Domain.STANDARD, in, n.state());
            View h = ctx.input(t, Domain.NAN, Layout.CONTIGUOUS, n.state());
            View c = ctx.input(t, Domain.NAN, in, n.state());
            View saved = ctx.input(t, Domain.NAN, in, n.gates(4));
            ctx.backend().lstmCellForward(gates, cPrev, h, c, saved);
            View dh = ctx.input(t, Domain.STANDARD, in, n.state());
            View dc = ctx.input(t, Domain.STANDARD, in, n.state());
            ctx.backend().lstmCellBackward(dh, dc, saved, cPrev, c, ctx.output("dGates", t, Domain.NAN, in, n.gates(4)),
                    ctx.output("dcPrev", t, Domain.NAN, in, n.state()));
        });
    }

    /** Cases for GRU_CELL_FORWARD. */
    public static List<OpCase> gruForward() {
        return each(PrimitiveOp.GRU_CELL_FORWARD, (t, n, domain, in, ctx) -> {
            View xGates = ctx.input(t, domain, in, n.gates(3));
            View hGates = ctx.input(t, domain, in, n.gates(3));
            View hPrev = ctx.input(t, Domain.STANDARD, in, n.state());
            ctx.backend().gruCellForward(xGates, hGates, hPrev, ctx.output("h", t, Domain.NAN, in, n.state()),
                    ctx.output("saved", t, Domain.NAN, in, n.gates(3)));
        });
    }

    /** Cases for GRU_CELL_BACKWARD. */
    public static List<OpCase> gruBackward() {
        return each(PrimitiveOp.GRU_CELL_BACKWARD, (t, n, domain, in, ctx) -> {
            View xGates = ctx.input(t, domain, in, n.gates(3));
            View hGates = ctx.input(t, domain, in, n.gates(3));
            View hPrev = ctx.input(t, Domain.STANDARD, in, n.state());
            View h = ctx.input(t, Domain.NAN, Layout.CONTIGUOUS, n.state());
            View saved = ctx.input(t, Domain.NAN, in, n.gates(3));
            ctx.backend().gruCellForward(xGates, hGates, hPrev, h, saved);
            View dh = ctx.input(t, Domain.STANDARD, in, n.state());
            ctx.backend().gruCellBackward(dh, saved, hPrev, hGates, ctx.output("dxGates", t, Domain.NAN, in, n.gates(3)),
                    ctx.output("dhGates", t, Domain.NAN, in, n.gates(3)), ctx.output("dhPrev", t, Domain.NAN, in, n.state()));
        });
    }

    /** The body of one case. */
    @FunctionalInterface
    private interface Body {
        void run(DType t, Size n, Domain domain, Layout in, CaseContext ctx);
    }

    private static List<OpCase> each(PrimitiveOp op, Body body) {
        List<OpCase> cases = new ArrayList<>();
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
            int i = 0;
            for (Size n : SIZES) {
                for (Domain domain : List.of(Domain.STANDARD, Domain.WIDE)) {
                    Layout in = i++ % 3 == 0 ? Layout.OFFSET : Layout.CONTIGUOUS;
                    String name = "B " + n.batch() + " H " + n.hidden() + " " + domain + " " + in;
                    cases.add(OpCase.of(op, name, t, Tolerance.forDType(t, F32, F64), ctx -> body.run(t, n, domain, in, ctx)));
                }
            }
        }
        return cases;
    }
}
