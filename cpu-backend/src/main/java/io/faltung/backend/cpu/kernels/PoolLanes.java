package io.faltung.backend.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One output row of 2×2, stride-2 max pooling (FLOAT32) on the Vector API, without branches. With
 * {@code a, b} the window's top pair and {@code c, d} its bottom pair, lane {@code j} of four plain
 * loads at column {@code j} and {@code j + 1} holds the window starting at column {@code j}; the
 * even lanes are the windows of the row, the odd lanes are computed and thrown away (cheaper than
 * de-interleaving). The winner is chosen in row-major order — {@code a} against {@code b},
 * {@code c} against {@code d}, then the top winner against the bottom one, each time the later
 * element winning only if {@code !(later <= earlier) && earlier == earlier} — which is exactly the
 * SPI's "first maximum wins, NaN counts as largest", ties (the zeros after a ReLU) included.
 *
 * <p>Random data makes the scalar comparisons mispredict about once per window; blends do not. The
 * row is 24 or 8 columns wide in LeNet; the lanes are nevertheless the machine's preferred species
 * (16 on AVX-512, where an 8-column row is left to the caller's scalar loop), the one species of
 * every Vector-API kernel here, because mixing species pollutes the type profiles of the shared
 * {@code FloatVector} methods (see {@link FloatLanes}). Loaded only when {@link VectorSupport#enabled()}.
 */
final class PoolLanes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    private static final FloatVector TWO = FloatVector.broadcast(S, 2f);
    private static final FloatVector THREE = FloatVector.broadcast(S, 3f);

    private PoolLanes() {
    }

    /**
     * Pools the first windows of the output row whose top-left input element is {@code x[top]}
     * (input rows {@code width} apart, at most {@code outputs} windows): the value of window
     * {@code k} goes to {@code values[2k]}, and, when {@code codes} is not null, where it came from
     * to {@code codes[2k]} (0 = a, 1 = b, 2 = c, 3 = d). Returns how many windows were done (a
     * multiple of half the lanes; the caller does the rest). Reads no element beyond the row's last window's
     * right neighbour, and only when it lies inside {@code x}.
     */
    static int maxRow(float[] x, int top, int width, int outputs, float[] values, float[] codes) {
        int bottom = top + width;
        int lanes = S.length();
        int j = 0;
        for (; j + lanes <= 2 * outputs && bottom + j + lanes < x.length; j += lanes) {
            FloatVector a = FloatVector.fromArray(S, x, top + j);
            FloatVector b = FloatVector.fromArray(S, x, top + j + 1);
            FloatVector c = FloatVector.fromArray(S, x, bottom + j);
            FloatVector d = FloatVector.fromArray(S, x, bottom + j + 1);
            VectorMask<Float> bWins = b.compare(VectorOperators.LE, a).not().and(a.compare(VectorOperators.EQ, a));
            VectorMask<Float> dWins = d.compare(VectorOperators.LE, c).not().and(c.compare(VectorOperators.EQ, c));
            FloatVector ab = a.blend(b, bWins);
            FloatVector cd = c.blend(d, dWins);
            VectorMask<Float> bottomWins = cd.compare(VectorOperators.LE, ab).not().and(ab.compare(VectorOperators.EQ, ab));
            ab.blend(cd, bottomWins).intoArray(values, j);
            if (codes != null) {
                FloatVector topCode = FloatVector.zero(S).blend(ONE, bWins);
                topCode.blend(TWO.blend(THREE, dWins), bottomWins).intoArray(codes, j);
            }
        }
        return j / 2;
    }
}
