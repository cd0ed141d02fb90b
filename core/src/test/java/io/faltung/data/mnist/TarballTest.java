package io.faltung.data.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarballTest {
    @TempDir
    Path dir;

    private byte[] tar(Map<MnistFile, byte[]> files) throws IOException {
        Path tgz = FakeMnist.tarball(dir.resolve("t.tgz"), files);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void listsRegularFilesWithPrefixesAndSkipsDirectories() throws IOException {
        Map<MnistFile, byte[]> files = FakeMnist.files();
        List<String> names = new ArrayList<>();
        Tarball.forEachFile(new ByteArrayInputStream(tar(files)), (name, size, content) -> {
            names.add(name);
            if (name.endsWith("t10k-labels-idx1-ubyte")) {
                assertArrayEquals(files.get(MnistFile.TEST_LABELS), content.readAllBytes());
            } else if (name.endsWith("train-images-idx3-ubyte")) {
                assertEquals(16, content.skip(16));
                assertEquals(0, content.read());
            }
        });
        assertEquals(List.of("package/package.json", "package/data/train-images-idx3-ubyte",
                "package/data/train-labels-idx1-ubyte", "package/data/t10k-images-idx3-ubyte",
                "package/data/t10k-labels-idx1-ubyte"), names);
    }

    @Test
    void truncatedArchiveFails() throws IOException {
        byte[] whole = tar(FakeMnist.files());
        byte[] cut = Arrays.copyOf(whole, 512 * 5 + 100);
        assertThrows(EOFException.class, () -> Tarball.forEachFile(new ByteArrayInputStream(cut), (n, s, c) -> { }));
        byte[] garbled = whole.clone();
        garbled[124] = 'x';
        IOException e = assertThrows(IOException.class,
                () -> Tarball.forEachFile(new ByteArrayInputStream(garbled), (n, s, c) -> { }));
        assertEquals("tar entry 'package/package.json' has an unreadable size field 'x0000000002'", e.getMessage());
    }
}
