package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.Parallel;
import io.faltung.spi.DType;
import io.faltung.spi.View;

/**
 * The frame shared by the LSTM and GRU cell kernels: shape checks ({@code [B, n·H]} gate matrices,
 * {@code [B, H]} states, one floating dtype, contiguous), a split of the batch rows over the pool,
 * the choice between {@link CellVectorKernel} (FLOAT32 with the Vector API) and the portable path
 * (rows widened into per-thread double scratch, activations in double precision).
 *
 * <p>The activations are written with {@link Math#exp} alone (an intrinsic), because
 * {@link Math#tanh} is a slow library call on JDK 17; {@code tanh(v) = 2σ(2v) − 1} loses only
 * absolute ~1e-16 near zero, far inside the cell tolerances of either dtype.
 */
final class CellRows {
    /**
     * Rows per task are chosen so that a task handles at least this many hidden units, so a hand-off
     * to the pool (about a microsecond while the helper spins between the kernels of a step) always
     * pays for itself: vectorised, a unit costs ~3.7 ns forward and ~2.2 ns backward (Zen 4), so the
     * 32×128 step of an LSTM splits into two tasks of 5–8 µs; on the portable path a unit costs ~25 ns.
     */
    private static final int MIN_TASK_UNITS_VECTOR = 1 << 11;
    private static final int MIN_TASK_UNITS_PORTABLE = 1 << 11;

    private final int batch;
    private final int hidden;
    private final boolean vectorised;

    private CellRows(int batch, int hidden, boolean vectorised) {
        this.batch = batch;
        this.hidden = hidden;
        this.vectorised = vectorised;
    }

    /**
     * Checks {@code gateViews} against {@code [B, gates·H]} and {@code stateViews} against
     * {@code [B, H]}, where {@code [B, H]} is the shape of {@code stateViews[0]}.
     */
    static CellRows of(String op, int gates, View[] gateViews, String[] gateRoles, View[] stateViews, String[] stateRoles) {
        View first = stateViews[0];
        if (first.rank() != 2) {
            throw new IllegalArgumentException(op + ": " + stateRoles[0] + " must be [B, H], got " + first);
        }
        int[] state = first.shape();
        int[] gate = {state[0], gates * state[1]};
        for (int i = 0; i < stateViews.length; i++) {
            DenseOperands.require(op, stateRoles[i], stateViews[i], state, first);
        }
        for (int i = 0; i < gateViews.length; i++) {
            DenseOperands.require(op, gateRoles[i], gateViews[i], gate, first);
        }
        return new CellRows(state[0], state[1], first.dtype() == DType.FLOAT32 && VectorSupport.ENABLED);
    }

    int hidden() {
        return hidden;
    }

    /** Whether the rows are FLOAT32 and go to {@link CellVectorKernel} (else the double path of the kernel). */
    boolean vectorised() {
        return vectorised;
    }

    /** Index of the first element of batch row {@code row} of a contiguous {@code [B, width]} view. */
    static int at(View v, int row) {
        return DenseOperands.offset(v) + row * v.shape()[1];
    }

    /** Work on one batch row. */
    @FunctionalInterface
    interface RowBody {
        void run(int row);
    }

    /** Runs {@code body} for every batch row, split over the pool when there is enough work. */
    void run(Parallel pool, RowBody body) {
        int minUnits = vectorised ? MIN_TASK_UNITS_VECTOR : MIN_TASK_UNITS_PORTABLE;
        long minRows = Math.max(1, minUnits / Math.max(1, hidden));
        pool.forRange(batch, minRows, (start, end) -> {
            for (int row = (int) start; row < end; row++) {
                body.run(row);
            }
        });
    }

    /** Row {@code row} of a {@code [B, width]} view widened into {@code dst[0 .. width)}. */
    static void load(View v, Object array, int row, double[] dst) {
        int width = v.shape()[1];
        Rows.load(array, DenseOperands.offset(v) + row * width, 1, dst, width);
    }

    /** {@code src[0 .. width)} stored into row {@code row} of a {@code [B, width]} view. */
    static void store(double[] src, View v, Object array, int row) {
        int width = v.shape()[1];
        Rows.store(src, array, DenseOperands.offset(v) + row * width, 1, width);
    }

    /** The logistic function. */
    static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }

    /** The hyperbolic tangent as {@code 2σ(2v) − 1}. */
    static double tanh(double v) {
        return 2.0 / (1.0 + Math.exp(-2.0 * v)) - 1.0;
    }
}
