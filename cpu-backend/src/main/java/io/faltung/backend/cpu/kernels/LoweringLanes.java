package io.faltung.backend.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The FLOAT32 block moves of {@link Im2Col} on the Vector API: a strided 2-D copy (im2col) and a
 * strided 2-D accumulate (col2im), {@code rows} runs of {@code n} elements each. The runs are short
 * — one output row of a convolution, 8 elements for LeNet's conv2 — so each is 8-lane vectors plus
 * a scalar tail, with no call per run: an {@code arraycopy} or a shared lane loop per run of 8 cost
 * more than the move itself. Loaded only when {@link VectorSupport#enabled()}.
 */
final class LoweringLanes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

    private LoweringLanes() {
    }

    /** {@code d[to + j·dStep + i] = s[from + j·sStep + i]} for {@code j < rows, i < n}. */
    static void copy(float[] s, int from, int sStep, float[] d, int to, int dStep, int rows, int n) {
        int bound = S.loopBound(n);
        for (int j = 0; j < rows; j++) {
            int sj = from + j * sStep;
            int dj = to + j * dStep;
            int i = 0;
            for (; i < bound; i += S.length()) {
                FloatVector.fromArray(S, s, sj + i).intoArray(d, dj + i);
            }
            for (; i < n; i++) {
                d[dj + i] = s[sj + i];
            }
        }
    }

    /** {@code d[to + j·dStep + i] += s[from + j·sStep + i]} for {@code j < rows, i < n}. */
    static void add(float[] s, int from, int sStep, float[] d, int to, int dStep, int rows, int n) {
        int bound = S.loopBound(n);
        for (int j = 0; j < rows; j++) {
            int sj = from + j * sStep;
            int dj = to + j * dStep;
            int i = 0;
            for (; i < bound; i += S.length()) {
                FloatVector.fromArray(S, d, dj + i).add(FloatVector.fromArray(S, s, sj + i)).intoArray(d, dj + i);
            }
            for (; i < n; i++) {
                d[dj + i] += s[sj + i];
            }
        }
    }
}
