package io.faltung.data.mnist;

import io.faltung.data.Dataset;
import io.faltung.data.idx.IdxArray;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017): 60 000 training and 10 000 test images of 28×28
 * grey clothing articles in ten classes ({@link #CLASSES}), a drop-in replacement for MNIST with
 * the same file format and layout.
 *
 * <p>{@link #load} reads the four IDX files (plain or {@code .gz}) from the directory named by the
 * system property {@value #DIRECTORY_PROPERTY}, else the environment variable
 * {@value #DIRECTORY_ENVIRONMENT}, else {@value #DEBIAN_DIRECTORY}, where the Debian package
 * {@code dataset-fashion-mnist} installs them; each file is checked against its SHA-256. Nothing is
 * downloaded: when the files are missing, the exception says how to install them.
 */
public final class FashionMnist {
    /** System property naming the directory. */
    public static final String DIRECTORY_PROPERTY = "faltung.fashion-mnist.dir";
    /** Environment variable naming the directory. */
    public static final String DIRECTORY_ENVIRONMENT = "FALTUNG_FASHION_MNIST_DIR";
    /** Where {@code apt-get install dataset-fashion-mnist} puts the files. */
    public static final String DEBIAN_DIRECTORY = "/usr/share/datasets/fashion-mnist";
    /** The class names, by label. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final Map<MnistFile, String> CHECKSUMS = new EnumMap<>(Map.of(
            MnistFile.TRAIN_IMAGES, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            MnistFile.TRAIN_LABELS, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            MnistFile.TEST_IMAGES, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            MnistFile.TEST_LABELS, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"));

    private final Dataset train;
    private final Dataset test;

    private FashionMnist(Dataset train, Dataset test) {
        this.train = train;
        this.test = test;
    }

    /** The 60 000 training samples (one-hot targets of ten classes). */
    public Dataset train() {
        return train;
    }

    /** The 10 000 test samples. */
    public Dataset test() {
        return test;
    }

    /** Loads from the default directory with the given feature layout. */
    public static FashionMnist load(Mnist.Layout layout) {
        return load(defaultDirectory(), layout);
    }

    /**
     * Loads from {@code dir} with the given feature layout.
     *
     * @throws MnistUnavailableException naming the missing or damaged file and the install command
     */
    public static FashionMnist load(Path dir, Mnist.Layout layout) {
        Map<MnistFile, IdxArray> arrays = new EnumMap<>(MnistFile.class);
        for (MnistFile f : MnistFile.values()) {
            Path p = MnistStore.locate(dir, f);
            if (p == null) {
                throw new MnistUnavailableException("Fashion-MNIST is not in " + dir.toAbsolutePath() + " (no "
                        + f.fileName() + "[.gz]).\n" + instructions(), null);
            }
            arrays.put(f, MnistStore.readVerified(p, f, CHECKSUMS.get(f), (problem, cause) -> new MnistUnavailableException(
                    "the Fashion-MNIST file " + p + " is damaged: " + problem + ".\n" + instructions(), cause)));
        }
        return new FashionMnist(
                MnistStore.dataset(arrays.get(MnistFile.TRAIN_IMAGES), arrays.get(MnistFile.TRAIN_LABELS), layout),
                MnistStore.dataset(arrays.get(MnistFile.TEST_IMAGES), arrays.get(MnistFile.TEST_LABELS), layout));
    }

    /** {@value #DIRECTORY_PROPERTY}, else {@value #DIRECTORY_ENVIRONMENT}, else {@value #DEBIAN_DIRECTORY}. */
    public static Path defaultDirectory() {
        String property = System.getProperty(DIRECTORY_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv(DIRECTORY_ENVIRONMENT);
        return Path.of(env != null && !env.isBlank() ? env : DEBIAN_DIRECTORY);
    }

    private static String instructions() {
        return "To get Fashion-MNIST, install the Debian package: sudo apt-get install -y dataset-fashion-mnist"
                + " (it puts the four files into " + DEBIAN_DIRECTORY + "), or copy train-images-idx3-ubyte,"
                + " train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (plain or .gz) into a"
                + " directory named by -D" + DIRECTORY_PROPERTY + "=DIR or " + DIRECTORY_ENVIRONMENT + "=DIR.";
    }
}
