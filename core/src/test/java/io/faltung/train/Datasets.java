package io.faltung.train;

import io.faltung.data.ArrayDataset;
import io.faltung.tensor.Shape;
import java.util.SplittableRandom;

/** Tiny datasets for the training tests. */
final class Datasets {
    private Datasets() {
    }

    /** The four XOR points with 0/1 targets. */
    static ArrayDataset xor() {
        return ArrayDataset.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, new double[][] {{0}, {1}, {1}, {0}});
    }

    /** {@code n} 2-D points around three well separated centres, with one-hot targets. */
    static ArrayDataset threeBlobs(int n, long seed) {
        double[][] centres = {{-2, -2}, {2, -2}, {0, 2}};
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        float[] y = new float[3 * n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            x[2 * i] = (float) (centres[c][0] + r.nextDouble(-0.7, 0.7));
            x[2 * i + 1] = (float) (centres[c][1] + r.nextDouble(-0.7, 0.7));
            y[3 * i + c] = 1;
        }
        return new ArrayDataset(x, Shape.of(2), y, Shape.of(3));
    }
}
