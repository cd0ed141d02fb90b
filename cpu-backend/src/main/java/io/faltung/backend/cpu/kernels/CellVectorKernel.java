package io.faltung.backend.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * FLOAT32 rows of the LSTM and GRU cells on the Vector API: the same formulas as
 * {@link LstmCellKernel} and {@link GruCellKernel}, eight hidden units per step, read from and
 * written to the float arrays directly (a masked step for the tail).
 *
 * <p>Why: a cell step is dominated by its exponentials (five per unit forward); the lane-wise
 * {@code EXP}/{@code TANH} of the Vector API are vectorised library calls (SVML on x86), about
 * forty times faster than a scalar {@link Math#exp} per element. Each method takes one batch row:
 * the arrays and the index of that row's first element in each. Like {@link SgemmVectorKernel},
 * this class is loaded only when the Vector API is in use ({@link VectorSupport#enabled()}).
 */
final class CellVectorKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    private CellVectorKernel() {
    }

    private static FloatVector sigmoid(FloatVector v) {
        return ONE.div(v.neg().lanewise(VectorOperators.EXP).add(1f));
    }

    private static FloatVector load(float[] a, int at, int j, VectorMask<Float> m) {
        return FloatVector.fromArray(S, a, at + j, m);
    }

    /** LSTM forward of one row of {@code n} units: gates at {@code g}, cPrev at {@code cp}; writes h, c, saved. */
    static void lstmForward(int n, float[] gates, int g, float[] cPrev, int cp, float[] h, int ho, float[] c, int co,
                            float[] saved, int so) {
        for (int j = 0; j < n; j += S.length()) {
            VectorMask<Float> m = S.indexInRange(j, n);
            FloatVector i = sigmoid(load(gates, g, j, m));
            FloatVector f = sigmoid(load(gates, g + n, j, m));
            FloatVector cand = load(gates, g + 2 * n, j, m).lanewise(VectorOperators.TANH);
            FloatVector o = sigmoid(load(gates, g + 3 * n, j, m));
            FloatVector next = f.mul(load(cPrev, cp, j, m)).add(i.mul(cand));
            o.mul(next.lanewise(VectorOperators.TANH)).intoArray(h, ho + j, m);
            next.intoArray(c, co + j, m);
            i.intoArray(saved, so + j, m);
            f.intoArray(saved, so + n + j, m);
            cand.intoArray(saved, so + 2 * n + j, m);
            o.intoArray(saved, so + 3 * n + j, m);
        }
    }

    /** LSTM backward of one row: from dh, dc, saved, cPrev and c writes dGates and dcPrev. */
    static void lstmBackward(int n, float[] dh, int dho, float[] dc, int dco, float[] saved, int so, float[] cPrev, int cp,
                             float[] c, int co, float[] dGates, int dgo, float[] dcPrev, int dcpo) {
        for (int j = 0; j < n; j += S.length()) {
            VectorMask<Float> m = S.indexInRange(j, n);
            FloatVector i = load(saved, so, j, m);
            FloatVector f = load(saved, so + n, j, m);
            FloatVector cand = load(saved, so + 2 * n, j, m);
            FloatVector o = load(saved, so + 3 * n, j, m);
            FloatVector gradH = load(dh, dho, j, m);
            FloatVector tc = load(c, co, j, m).lanewise(VectorOperators.TANH);
            FloatVector total = load(dc, dco, j, m).add(gradH.mul(o).mul(tc.mul(tc).neg().add(1f)));
            total.mul(cand).mul(i).mul(i.neg().add(1f)).intoArray(dGates, dgo + j, m);
            total.mul(load(cPrev, cp, j, m)).mul(f).mul(f.neg().add(1f)).intoArray(dGates, dgo + n + j, m);
            total.mul(i).mul(cand.mul(cand).neg().add(1f)).intoArray(dGates, dgo + 2 * n + j, m);
            gradH.mul(tc).mul(o).mul(o.neg().add(1f)).intoArray(dGates, dgo + 3 * n + j, m);
            total.mul(f).intoArray(dcPrev, dcpo + j, m);
        }
    }

    /** GRU forward of one row: xGates at {@code x}, hGates at {@code hg}, hPrev at {@code hp}; writes h and saved. */
    static void gruForward(int n, float[] xGates, int x, float[] hGates, int hg, float[] hPrev, int hp, float[] h, int ho,
                           float[] saved, int so) {
        for (int j = 0; j < n; j += S.length()) {
            VectorMask<Float> m = S.indexInRange(j, n);
            FloatVector r = sigmoid(load(xGates, x, j, m).add(load(hGates, hg, j, m)));
            FloatVector z = sigmoid(load(xGates, x + n, j, m).add(load(hGates, hg + n, j, m)));
            FloatVector cand = load(xGates, x + 2 * n, j, m).add(r.mul(load(hGates, hg + 2 * n, j, m)))
                    .lanewise(VectorOperators.TANH);
            z.neg().add(1f).mul(cand).add(z.mul(load(hPrev, hp, j, m))).intoArray(h, ho + j, m);
            r.intoArray(saved, so + j, m);
            z.intoArray(saved, so + n + j, m);
            cand.intoArray(saved, so + 2 * n + j, m);
        }
    }

    /** GRU backward of one row: from dh, saved, hPrev and hGates writes dxGates, dhGates and dhPrev (direct part). */
    static void gruBackward(int n, float[] dh, int dho, float[] saved, int so, float[] hPrev, int hp, float[] hGates,
                            int hg, float[] dxGates, int dxo, float[] dhGates, int dhgo, float[] dhPrev, int dhpo) {
        for (int j = 0; j < n; j += S.length()) {
            VectorMask<Float> m = S.indexInRange(j, n);
            FloatVector r = load(saved, so, j, m);
            FloatVector z = load(saved, so + n, j, m);
            FloatVector cand = load(saved, so + 2 * n, j, m);
            FloatVector grad = load(dh, dho, j, m);
            FloatVector dn = grad.mul(z.neg().add(1f)).mul(cand.mul(cand).neg().add(1f));
            FloatVector dz = grad.mul(load(hPrev, hp, j, m).sub(cand)).mul(z).mul(z.neg().add(1f));
            FloatVector dr = dn.mul(load(hGates, hg + 2 * n, j, m)).mul(r).mul(r.neg().add(1f));
            dr.intoArray(dxGates, dxo + j, m);
            dz.intoArray(dxGates, dxo + n + j, m);
            dn.intoArray(dxGates, dxo + 2 * n + j, m);
            dr.intoArray(dhGates, dhgo + j, m);
            dz.intoArray(dhGates, dhgo + n + j, m);
            dn.mul(r).intoArray(dhGates, dhgo + 2 * n + j, m);
            grad.mul(z).intoArray(dhPrev, dhpo + j, m);
        }
    }
}
