package io.faltung.io.job;

import io.faltung.data.ArrayDataset;
import io.faltung.data.Dataset;
import io.faltung.data.mnist.Mnist;
import io.faltung.io.InvalidFormatException;
import io.faltung.io.JsonFields;
import io.faltung.tensor.Shape;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The {@code "data"} section of a job file:
 * <ul>
 *   <li>{@code {"name": "mnist", "layout": "flat"}}: real MNIST (fetched and checksummed once,
 *       see {@link Mnist}); layout {@code flat} ({@code [784]}) or {@code image} ({@code [1, 28, 28]});
 *       the test set is the validation data.</li>
 *   <li>{@code {"name": "blobs", "samples": 600, "features": 2, "classes": 3, "noise": 0.5,
 *       "validation": 100, "seed": 0}}: Gaussian blobs around random centres with one-hot targets,
 *       generated from the seed (no download; for trying jobs out and for tests); {@code "shape":
 *       [1, 28, 28]} instead of {@code features} gives each sample that shape (e.g. to try an image
 *       or sequence model offline).</li>
 * </ul>
 */
final class DataSpecs {
    private DataSpecs() {
    }

    /** Training and (optional) validation data. */
    record Split(Dataset train, Dataset validation) {
    }

    /**
     * The data described by a {@code "data"} section: the shape of one sample's features, known
     * without loading (to check the model when the job is parsed), and how to load it.
     */
    record Source(Shape featureShape, Supplier<Split> loader) {
        /** Loads (or generates) the data. */
        Split load() {
            return loader.get();
        }
    }

    static Source parse(JsonFields f) throws InvalidFormatException {
        String name = f.string("name");
        switch (name) {
            case "mnist" -> {
                f.onlyFields(Set.of("name", "layout"));
                String layout = f.string("layout", "flat");
                if (!layout.equals("flat") && !layout.equals("image")) {
                    throw f.error("layout", "must be \"flat\" or \"image\", not \"" + layout + "\"");
                }
                Mnist.Layout l = layout.equals("flat") ? Mnist.Layout.FLAT : Mnist.Layout.IMAGE;
                return new Source(l.shape(), () -> {
                    Mnist m = Mnist.load(l);
                    return new Split(m.train(), m.test());
                });
            }
            case "blobs" -> {
                f.onlyFields(Set.of("name", "samples", "features", "shape", "classes", "noise", "validation", "seed"));
                int samples = (int) f.integer("samples", 1, 1_000_000);
                Shape shape = f.has("shape") ? sampleShape(f) : null;
                int features = (int) f.integer("features", 1, 10_000, shape == null ? 2 : shape.intSize());
                if (shape != null && shape.size() != features) {
                    throw f.error("shape", shape + " holds " + shape.size() + " values per sample, but \"features\" is "
                            + features);
                }
                int classes = (int) f.integer("classes", 2, 1000, 3);
                double noise = f.number("noise", 0.5);
                if (!(noise >= 0 && noise <= 100)) {
                    throw f.error("noise", "must be in [0, 100], not " + noise);
                }
                int validation = (int) f.integer("validation", 0, 1_000_000, 0);
                if ((long) (samples + validation) * (features + classes) > 50_000_000L) {
                    throw f.error("samples", "and features make more than 50 million values; blobs are for small trials");
                }
                long seed = f.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, 0);
                Shape perSample = shape == null ? Shape.of(features) : shape;
                return new Source(perSample, () -> blobs(samples, validation, perSample, classes, noise, seed));
            }
            default -> throw f.error("name", "\"" + name + "\" is not a data set (mnist, blobs)");
        }
    }

    /** A blobs {@code shape}: 1 to 4 dimensions, 1 to 10,000 values in all. */
    private static Shape sampleShape(JsonFields f) throws InvalidFormatException {
        int rank = f.array("shape").size();
        if (rank < 1 || rank > 4) {
            throw f.error("shape", "must list 1 to 4 dimensions of a sample, not " + rank);
        }
        Shape shape = Shape.of(f.integers("shape", rank, 1, 10_000));
        if (shape.size() > 10_000) {
            throw f.error("shape", shape + " has " + shape.size() + " values per sample, more than the 10000 allowed");
        }
        return shape;
    }

    /**
     * {@code train + validation} samples around {@code classes} centres in {@code [-2, 2]^features},
     * each sample shaped {@code shape} ({@code features} values in row-major order).
     */
    static Split blobs(int train, int validation, Shape shape, int classes, double noise, long seed) {
        int features = shape.intSize();
        SplittableRandom r = new SplittableRandom(seed);
        double[][] centres = new double[classes][features];
        for (double[] c : centres) {
            for (int k = 0; k < features; k++) {
                c[k] = r.nextDouble(-2, 2);
            }
        }
        return new Split(sample(train, centres, shape, noise, r), validation == 0 ? null
                : sample(validation, centres, shape, noise, r));
    }

    private static ArrayDataset sample(int n, double[][] centres, Shape shape, double noise, SplittableRandom r) {
        int features = centres[0].length;
        int classes = centres.length;
        float[] x = new float[n * features];
        float[] y = new float[n * classes];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(classes);
            for (int k = 0; k < features; k++) {
                x[i * features + k] = (float) (centres[c][k] + noise * gaussian(r));
            }
            y[i * classes + c] = 1;
        }
        return new ArrayDataset(x, shape, y, Shape.of(classes));
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
