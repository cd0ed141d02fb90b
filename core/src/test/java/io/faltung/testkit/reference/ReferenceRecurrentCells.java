package io.faltung.testkit.reference;

import io.faltung.spi.UnaryOp;
import io.faltung.spi.View;
import java.util.Arrays;

/**
 * Reference kernels for the LSTM and GRU cells: the formulas of the {@code Backend} Javadoc, one
 * element {@code (b, j)} at a time, in double precision. Gate {@code G} of row {@code b} lives at
 * column {@code G·H + j} of the {@code [B, nH]} gate matrices.
 */
public final class ReferenceRecurrentCells {
    private ReferenceRecurrentCells() {
    }

    private static double sigmoid(double v) {
        return UnaryOp.SIGMOID.apply(v);
    }

    private static double tanh(double v) {
        return UnaryOp.TANH.apply(v);
    }

    /** LSTM forward: writes h, c and saved = (σ(i), σ(f), tanh(g), σ(o)). */
    public static void lstmForward(View gates, View cPrev, View h, View c, View saved) {
        String op = "lstmCellForward";
        int[] bh = state(op, cPrev);
        check(op, bh, 4, new View[] {gates, saved}, new View[] {cPrev, h, c});
        int rows = bh[0];
        int hidden = bh[1];
        double[] g = Elements.read(gates);
        double[] cp = Elements.read(cPrev);
        double[] hs = new double[rows * hidden];
        double[] cs = new double[rows * hidden];
        double[] sv = new double[rows * 4 * hidden];
        for (int b = 0; b < rows; b++) {
            for (int j = 0; j < hidden; j++) {
                int at = b * 4 * hidden + j;
                double i = sigmoid(g[at]);
                double f = sigmoid(g[at + hidden]);
                double cand = tanh(g[at + 2 * hidden]);
                double o = sigmoid(g[at + 3 * hidden]);
                double cell = f * cp[b * hidden + j] + i * cand;
                cs[b * hidden + j] = cell;
                hs[b * hidden + j] = o * tanh(cell);
                sv[at] = i;
                sv[at + hidden] = f;
                sv[at + 2 * hidden] = cand;
                sv[at + 3 * hidden] = o;
            }
        }
        Elements.write(op, h, hs);
        Elements.write(op, c, cs);
        Elements.write(op, saved, sv);
    }

    /** LSTM backward: writes dGates (pre-activation) and dcPrev from dh, dc, saved, cPrev and c. */
    public static void lstmBackward(View dh, View dc, View saved, View cPrev, View c, View dGates, View dcPrev) {
        String op = "lstmCellBackward";
        int[] bh = state(op, cPrev);
        check(op, bh, 4, new View[] {saved, dGates}, new View[] {dh, dc, cPrev, c, dcPrev});
        int rows = bh[0];
        int hidden = bh[1];
        double[] dhs = Elements.read(dh);
        double[] dcs = Elements.read(dc);
        double[] sv = Elements.read(saved);
        double[] cp = Elements.read(cPrev);
        double[] cs = Elements.read(c);
        double[] dg = new double[rows * 4 * hidden];
        double[] dcp = new double[rows * hidden];
        for (int b = 0; b < rows; b++) {
            for (int j = 0; j < hidden; j++) {
                int at = b * 4 * hidden + j;
                int e = b * hidden + j;
                double i = sv[at];
                double f = sv[at + hidden];
                double cand = sv[at + 2 * hidden];
                double o = sv[at + 3 * hidden];
                double tc = tanh(cs[e]);
                double dcell = dcs[e] + dhs[e] * o * (1 - tc * tc);
                dg[at] = dcell * cand * i * (1 - i);
                dg[at + hidden] = dcell * cp[e] * f * (1 - f);
                dg[at + 2 * hidden] = dcell * i * (1 - cand * cand);
                dg[at + 3 * hidden] = dhs[e] * tc * o * (1 - o);
                dcp[e] = dcell * f;
            }
        }
        Elements.write(op, dGates, dg);
        Elements.write(op, dcPrev, dcp);
    }

    /** GRU forward: writes h and saved = (r, z, n). */
    public static void gruForward(View xGates, View hGates, View hPrev, View h, View saved) {
        String op = "gruCellForward";
        int[] bh = state(op, hPrev);
        check(op, bh, 3, new View[] {xGates, hGates, saved}, new View[] {hPrev, h});
        int rows = bh[0];
        int hidden = bh[1];
        double[] xg = Elements.read(xGates);
        double[] hg = Elements.read(hGates);
        double[] hp = Elements.read(hPrev);
        double[] hs = new double[rows * hidden];
        double[] sv = new double[rows * 3 * hidden];
        for (int b = 0; b < rows; b++) {
            for (int j = 0; j < hidden; j++) {
                int at = b * 3 * hidden + j;
                double r = sigmoid(xg[at] + hg[at]);
                double z = sigmoid(xg[at + hidden] + hg[at + hidden]);
                double n = tanh(xg[at + 2 * hidden] + r * hg[at + 2 * hidden]);
                hs[b * hidden + j] = (1 - z) * n + z * hp[b * hidden + j];
                sv[at] = r;
                sv[at + hidden] = z;
                sv[at + 2 * hidden] = n;
            }
        }
        Elements.write(op, h, hs);
        Elements.write(op, saved, sv);
    }

    /** GRU backward: writes dxGates, dhGates (pre-activation) and the direct part of dhPrev. */
    public static void gruBackward(View dh, View saved, View hPrev, View hGates, View dxGates, View dhGates, View dhPrev) {
        String op = "gruCellBackward";
        int[] bh = state(op, hPrev);
        check(op, bh, 3, new View[] {saved, hGates, dxGates, dhGates}, new View[] {dh, hPrev, dhPrev});
        int rows = bh[0];
        int hidden = bh[1];
        double[] dhs = Elements.read(dh);
        double[] sv = Elements.read(saved);
        double[] hp = Elements.read(hPrev);
        double[] hg = Elements.read(hGates);
        double[] dx = new double[rows * 3 * hidden];
        double[] dhg = new double[rows * 3 * hidden];
        double[] dhp = new double[rows * hidden];
        for (int b = 0; b < rows; b++) {
            for (int j = 0; j < hidden; j++) {
                int at = b * 3 * hidden + j;
                int e = b * hidden + j;
                double r = sv[at];
                double z = sv[at + hidden];
                double n = sv[at + 2 * hidden];
                double dn = dhs[e] * (1 - z) * (1 - n * n);
                double dz = dhs[e] * (hp[e] - n) * z * (1 - z);
                double dr = dn * hg[at + 2 * hidden] * r * (1 - r);
                dx[at] = dr;
                dx[at + hidden] = dz;
                dx[at + 2 * hidden] = dn;
                dhg[at] = dr;
                dhg[at + hidden] = dz;
                dhg[at + 2 * hidden] = dn * r;
                dhp[e] = dhs[e] * z;
            }
        }
        Elements.write(op, dxGates, dx);
        Elements.write(op, dhGates, dhg);
        Elements.write(op, dhPrev, dhp);
    }

    /** {@code [B, H]} of a state view, which must be rank 2. */
    private static int[] state(String op, View state) {
        if (state.rank() != 2) {
            throw new IllegalArgumentException(op + ": states must be [B, H], got " + state);
        }
        return state.shape();
    }

    /** Gate views must be {@code [B, gates·H]}, state views {@code [B, H]}; same dtype, contiguous. */
    private static void check(String op, int[] bh, int gateCount, View[] gateViews, View[] stateViews) {
        int[] gateShape = {bh[0], gateCount * bh[1]};
        Elements.requireFloating(op, "every operand", stateViews[0]);
        for (View v : gateViews) {
            requireShape(op, v, gateShape, stateViews[0]);
        }
        for (View v : stateViews) {
            requireShape(op, v, bh, stateViews[0]);
        }
    }

    private static void requireShape(String op, View v, int[] shape, View first) {
        Elements.requireDType(op, "every operand", v, first.dtype());
        if (!Arrays.equals(v.shape(), shape)) {
            throw new IllegalArgumentException(op + ": expected shape " + Arrays.toString(shape) + " (B = " + shape[0]
                    + "), got " + v);
        }
        Elements.requireContiguous(op, v);
    }
}
