package io.faltung.backend.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * FLOAT32 rows of the LSTM and GRU cells on the Vector API: the same formulas as
 * {@link LstmCellKernel} and {@link GruCellKernel}, one vector of hidden units per step
 * ({@link FloatVector#SPECIES_PREFERRED}: 8 or 16 lanes), read from and written to the float arrays
 * directly. Full vectors use plain loads and stores; only the tail is masked, because masked
 * accesses are not intrinsified everywhere (on JDK 17 without AVX-512 they fall back to a lane loop).
 *
 * <p>Why: a cell step is dominated by its exponentials (five per unit forward); the lane-wise
 * {@code EXP}/{@code TANH} of the Vector API are vectorised library calls (SVML on x86), about
 * forty times faster than a scalar {@link Math#exp} per element. Each method takes one batch row:
 * the arrays and the index of that row's first element in each. Like {@link SgemmVectorKernel},
 * this class is loaded only when the Vector API is in use ({@link VectorSupport#enabled()}).
 */
final class CellVectorKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    private CellVectorKernel() {
    }

    private static FloatVector sigmoid(FloatVector v) {
        return ONE.div(v.neg().lanewise(VectorOperators.EXP).add(1f));
    }

    /** Lanes {@code [j, j + S.length())} of a row; {@code m} is {@code null} for a full vector, else the tail mask. */
    @FunctionalInterface
    private interface Lanes {
        void run(int j, VectorMask<Float> m);
    }

    /** Runs {@code body} over the units {@code [0, n)}: full vectors unmasked, then the masked tail. */
    private static void units(int n, Lanes body) {
        int j = 0;
        for (; j <= n - S.length(); j += S.length()) {
            body.run(j, null);
        }
        if (j < n) {
            body.run(j, S.indexInRange(j, n));
        }
    }

    private static FloatVector load(float[] a, int at, int j, VectorMask<Float> m) {
        return m == null ? FloatVector.fromArray(S, a, at + j) : FloatVector.fromArray(S, a, at + j, m);
    }

    private static void store(FloatVector v, float[] a, int at, VectorMask<Float> m) {
        if (m == null) {
            v.intoArray(a, at);
        } else {
            v.intoArray(a, at, m);
        }
    }

    /** LSTM forward of one row of {@code n} units: gates at {@code g}, cPrev at {@code cp}; writes h, c, saved. */
    static void lstmForward(int n, float[] gates, int g, float[] cPrev, int cp, float[] h, int ho, float[] c, int co,
                            float[] saved, int so) {
        units(n, (j, m) -> {
            FloatVector i = sigmoid(load(gates, g, j, m));
            FloatVector f = sigmoid(load(gates, g + n, j, m));
            FloatVector cand = load(gates, g + 2 * n, j, m).lanewise(VectorOperators.TANH);
            FloatVector o = sigmoid(load(gates, g + 3 * n, j, m));
            FloatVector next = f.mul(load(cPrev, cp, j, m)).add(i.mul(cand));
            store(o.mul(next.lanewise(VectorOperators.TANH)), h, ho + j, m);
            store(next, c, co + j, m);
            store(i, saved, so + j, m);
            store(f, saved, so + n + j, m);
            store(cand, saved, so + 2 * n + j, m);
            store(o, saved, so + 3 * n + j, m);
        });
    }

    /** LSTM backward of one row: from dh, dc, saved, cPrev and c writes dGates and dcPrev. */
    static void lstmBackward(int n, float[] dh, int dho, float[] dc, int dco, float[] saved, int so, float[] cPrev, int cp,
                             float[] c, int co, float[] dGates, int dgo, float[] dcPrev, int dcpo) {
        units(n, (j, m) -> {
            FloatVector i = load(saved, so, j, m);
            FloatVector f = load(saved, so + n, j, m);
            FloatVector cand = load(saved, so + 2 * n, j, m);
            FloatVector o = load(saved, so + 3 * n, j, m);
            FloatVector gradH = load(dh, dho, j, m);
            FloatVector tc = load(c, co, j, m).lanewise(VectorOperators.TANH);
            FloatVector total = load(dc, dco, j, m).add(gradH.mul(o).mul(tc.mul(tc).neg().add(1f)));
            store(total.mul(cand).mul(i).mul(i.neg().add(1f)), dGates, dgo + j, m);
            store(total.mul(load(cPrev, cp, j, m)).mul(f).mul(f.neg().add(1f)), dGates, dgo + n + j, m);
            store(total.mul(i).mul(cand.mul(cand).neg().add(1f)), dGates, dgo + 2 * n + j, m);
            store(gradH.mul(tc).mul(o).mul(o.neg().add(1f)), dGates, dgo + 3 * n + j, m);
            store(total.mul(f), dcPrev, dcpo + j, m);
        });
    }

    /** GRU forward of one row: xGates at {@code x}, hGates at {@code hg}, hPrev at {@code hp}; writes h and saved. */
    static void gruForward(int n, float[] xGates, int x, float[] hGates, int hg, float[] hPrev, int hp, float[] h, int ho,
                           float[] saved, int so) {
        units(n, (j, m) -> {
            FloatVector r = sigmoid(load(xGates, x, j, m).add(load(hGates, hg, j, m)));
            FloatVector z = sigmoid(load(xGates, x + n, j, m).add(load(hGates, hg + n, j, m)));
            FloatVector cand = load(xGates, x + 2 * n, j, m).add(r.mul(load(hGates, hg + 2 * n, j, m)))
                    .lanewise(VectorOperators.TANH);
            store(z.neg().add(1f).mul(cand).add(z.mul(load(hPrev, hp, j, m))), h, ho + j, m);
            store(r, saved, so + j, m);
            store(z, saved, so + n + j, m);
            store(cand, saved, so + 2 * n + j, m);
        });
    }

    /** GRU backward of one row: from dh, saved, hPrev and hGates writes dxGates, dhGates and dhPrev (direct part). */
    static void gruBackward(int n, float[] dh, int dho, float[] saved, int so, float[] hPrev, int hp, float[] hGates,
                            int hg, float[] dxGates, int dxo, float[] dhGates, int dhgo, float[] dhPrev, int dhpo) {
        units(n, (j, m) -> {
            FloatVector r = load(saved, so, j, m);
            FloatVector z = load(saved, so + n, j, m);
            FloatVector cand = load(saved, so + 2 * n, j, m);
            FloatVector grad = load(dh, dho, j, m);
            FloatVector dn = grad.mul(z.neg().add(1f)).mul(cand.mul(cand).neg().add(1f));
            FloatVector dz = grad.mul(load(hPrev, hp, j, m).sub(cand)).mul(z).mul(z.neg().add(1f));
            FloatVector dr = dn.mul(load(hGates, hg + 2 * n, j, m)).mul(r).mul(r.neg().add(1f));
            store(dr, dxGates, dxo + j, m);
            store(dz, dxGates, dxo + n + j, m);
            store(dn, dxGates, dxo + 2 * n + j, m);
            store(dr, dhGates, dhgo + j, m);
            store(dz, dhGates, dhgo + n + j, m);
            store(dn.mul(r), dhGates, dhgo + 2 * n + j, m);
            store(grad.mul(z), dhPrev, dhpo + j, m);
        });
    }
}
