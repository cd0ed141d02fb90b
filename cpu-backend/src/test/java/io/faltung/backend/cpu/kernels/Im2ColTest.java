package io.faltung.backend.cpu.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faltung.spi.ConvSpec;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The lowering on its own: known entries, and col2im as the exact adjoint of im2col. */
class Im2ColTest {

    private static ConvGeometry geometry(int[] x, int[] w, ConvSpec spec) {
        int[] y = spec.outputShape(x, w);
        return new ConvGeometry(spec, x[0], x[1], x[2], x[3], w[0], w[2], w[3], y[2], y[3]);
    }

    @Test
    void loweredEntriesOfAPaddedStridedImage() {
        // one channel 3x3 holding 1..9, 2x2 filters, stride 2, padding 1: output 2x2
        ConvGeometry g = geometry(new int[] {1, 1, 3, 3}, new int[] {1, 1, 2, 2}, new ConvSpec(2, 2, 1, 1, 1, 1, 1));
        float[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] cols = new float[g.loweredSize()];
        Im2Col.im2col(g, x, 1, cols, 0, g.outputPlane());
        // rows (r, s) = (0,0), (0,1), (1,0), (1,1); columns are the output positions in row-major order
        assertArrayEquals(new float[] {0, 0, 0, 5, 0, 0, 4, 6, 0, 2, 0, 8, 1, 3, 7, 9}, cols);
    }

    @Test
    void imagesSideBySideMatchTheirOwnLowerings() {
        ConvGeometry g = geometry(new int[] {2, 2, 4, 5}, new int[] {1, 2, 2, 3}, new ConvSpec(1, 2, 1, 1, 1, 1, 1));
        float[] x = new float[2 * g.imageSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        int plane = g.outputPlane();
        float[] both = new float[2 * g.loweredSize()];
        Im2Col.im2col(g, x, 0, both, 0, 2 * plane);
        Im2Col.im2col(g, x, g.imageSize(), both, plane, 2 * plane);
        for (int image = 0; image < 2; image++) {
            float[] own = new float[g.loweredSize()];
            Im2Col.im2col(g, x, image * g.imageSize(), own, 0, plane);
            for (int row = 0; row < g.loweredSize() / plane; row++) {
                for (int col = 0; col < plane; col++) {
                    assertEquals(own[row * plane + col], both[row * 2 * plane + image * plane + col], "image " + image);
                }
            }
        }
    }

    @Test
    void col2imIsTheAdjointOfIm2col() {
        SplittableRandom random = new SplittableRandom(5);
        for (ConvGeometry g : List.of(
                geometry(new int[] {1, 3, 7, 6}, new int[] {2, 3, 3, 2}, new ConvSpec(2, 3, 1, 2, 2, 1, 1)),
                geometry(new int[] {1, 2, 1, 11}, new int[] {1, 2, 1, 4}, new ConvSpec(1, 2, 0, 3, 1, 3, 1)),
                geometry(new int[] {1, 4, 5, 5}, new int[] {4, 2, 3, 3}, new ConvSpec(3, 3, 2, 2, 1, 1, 2)))) {
            double[] x = random.doubles(g.imageSize(), -1, 1).toArray();
            double[] c = random.doubles(g.loweredSize(), -1, 1).toArray();
            double[] lowered = new double[g.loweredSize()];
            double[] back = new double[g.imageSize() + 2];
            Im2Col.im2col(g, x, 0, lowered, 0, g.outputPlane());
            Im2Col.col2im(g, c, 0, g.outputPlane(), back, 1);
            double left = 0;
            for (int i = 0; i < c.length; i++) {
                left += lowered[i] * c[i];
            }
            double right = 0;
            for (int i = 0; i < x.length; i++) {
                right += x[i] * back[i + 1];
            }
            assertEquals(left, right, 1e-12, g.toString());
            assertEquals(0, back[0]);
            assertEquals(0, back[back.length - 1]);
        }
    }

    /** FLOAT32 lowering (vector runs of 8 and their tails when the Vector API is on) against the definition. */
    @Test
    void float32LoweringAndItsAdjointMatchTheDefinition() {
        SplittableRandom random = new SplittableRandom(11);
        for (ConvGeometry g : List.of(
                geometry(new int[] {1, 2, 12, 12}, new int[] {3, 2, 5, 5}, new ConvSpec(1, 1, 0, 0, 1, 1, 1)),
                geometry(new int[] {1, 2, 9, 21}, new int[] {2, 2, 3, 4}, new ConvSpec(1, 1, 2, 3, 1, 1, 1)),
                geometry(new int[] {1, 1, 10, 30}, new int[] {1, 1, 3, 3}, new ConvSpec(2, 2, 1, 1, 2, 2, 1)))) {
            float[] x = new float[g.imageSize() + 1];
            float[] c = new float[g.loweredSize() + 1];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextDouble(-1, 1);
            }
            for (int i = 0; i < c.length; i++) {
                c[i] = (float) random.nextInt(-8, 8);
            }
            float[] lowered = new float[g.loweredSize() + 1];
            java.util.Arrays.fill(lowered, Float.NaN);
            Im2Col.im2col(g, x, 1, lowered, 1, g.outputPlane());
            float[] back = new float[g.imageSize()];
            java.util.Arrays.fill(back, Float.NaN);
            Im2Col.col2im(g, c, 1, g.outputPlane(), back, 0);
            float[] expectedBack = new float[g.imageSize()];
            ConvSpec spec = g.spec();
            int row = 0;
            for (int ci = 0; ci < g.c(); ci++) {
                for (int ri = 0; ri < g.r(); ri++) {
                    for (int si = 0; si < g.s(); si++, row++) {
                        for (int pi = 0; pi < g.p(); pi++) {
                            for (int qi = 0; qi < g.q(); qi++) {
                                int h = pi * spec.strideH() - spec.padH() + ri * spec.dilationH();
                                int w = qi * spec.strideW() - spec.padW() + si * spec.dilationW();
                                boolean inside = h >= 0 && h < g.h() && w >= 0 && w < g.w();
                                int at = row * g.outputPlane() + pi * g.q() + qi;
                                assertEquals(inside ? x[1 + (ci * g.h() + h) * g.w() + w] : 0f, lowered[1 + at], g + " at " + at);
                                if (inside) {
                                    expectedBack[(ci * g.h() + h) * g.w() + w] += c[1 + at];
                                }
                            }
                        }
                    }
                }
            }
            assertArrayEquals(expectedBack, back, g.toString());
        }
    }
}
