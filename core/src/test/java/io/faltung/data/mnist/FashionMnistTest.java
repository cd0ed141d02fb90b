package io.faltung.data.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faltung.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @Test
    void missingFilesNameTheDebianPackage(@TempDir Path dir) {
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class,
                () -> FashionMnist.load(dir, Mnist.Layout.IMAGE));
        assertTrue(e.getMessage().startsWith("Fashion-MNIST is not in " + dir + " (no train-images-idx3-ubyte[.gz])."),
                e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install -y dataset-fashion-mnist"), e.getMessage());
    }

    @Test
    void filesWithOtherContentAreRejectedAsDamaged(@TempDir Path dir) throws IOException {
        for (var entry : FakeMnist.files().entrySet()) {
            Files.write(dir.resolve(entry.getKey().fileName()), entry.getValue());
        }
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class,
                () -> FashionMnist.load(dir, Mnist.Layout.FLAT));
        assertTrue(e.getMessage().contains("is damaged: its content has SHA-256"), e.getMessage());
    }

    @Test
    void loadsTheInstalledDebianPackage() {
        Path installed = Path.of(FashionMnist.DEBIAN_DIRECTORY);
        assumeTrue(Files.isDirectory(installed), "dataset-fashion-mnist is not installed");
        FashionMnist data = FashionMnist.load(installed, Mnist.Layout.IMAGE);
        assertEquals(60_000, data.train().size());
        assertEquals(10_000, data.test().size());
        assertEquals(Shape.of(1, 28, 28), data.train().featureShape());
        assertEquals(10, FashionMnist.CLASSES.size());
    }
}
