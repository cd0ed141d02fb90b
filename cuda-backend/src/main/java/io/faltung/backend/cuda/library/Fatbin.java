package io.faltung.backend.cuda.library;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernels' fatbin as packaged by {@code faltung-native}: its bytes and the images it holds.
 *
 * <p>A fatbin starts with a 16-byte header (magic {@code 0xBA55ED50}, version, header size, size of
 * the entries) followed by entries, each with its own header: kind (1 PTX, 2 ELF/SASS) at byte 0,
 * header size at byte 4, padded payload size at byte 8 and the target architecture (e.g. 80) at
 * byte 28. Reading that lets the probe say "no image for sm_75" instead of a bare driver error.
 */
public final class Fatbin {
    /** Class-path location of the fatbin. */
    public static final String RESOURCE = "/io/faltung/cuda/kernels/faltung.fatbin";
    /** Class-path location of the reason written when nvcc was missing at build time. */
    public static final String NOT_BUILT = "/io/faltung/cuda/kernels/NOT-BUILT.txt";
    private static final int MAGIC = 0xBA55ED50;

    /** One image: {@code ptx} or {@code sm} code for {@code arch} (e.g. 80 = sm_80 / compute_80). */
    public record Image(boolean ptx, int arch, long offset, long size) {
        @Override
        public String toString() {
            return (ptx ? "compute_" : "sm_") + arch;
        }
    }

    private final byte[] bytes;
    private final List<Image> images;

    private Fatbin(byte[] bytes, List<Image> images) {
        this.bytes = bytes;
        this.images = List.copyOf(images);
    }

    /** Reads the packaged fatbin, or throws {@link IOException} with the reason it is not there. */
    public static Fatbin load() throws IOException {
        try (InputStream in = Fatbin.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                return parse(in.readAllBytes());
            }
        }
        try (InputStream in = Fatbin.class.getResourceAsStream(NOT_BUILT)) {
            if (in != null) {
                throw new IOException(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim());
            }
        }
        throw new IOException("kernels missing: " + RESOURCE + " is not on the class path (add io.faltung:faltung-native)");
    }

    /** Parses {@code bytes} as a fatbin. */
    public static Fatbin parse(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 16 || b.getInt(0) != MAGIC) {
            throw new IOException("not a fatbin (" + bytes.length + " bytes, no 0xBA55ED50 magic)");
        }
        int headerSize = Short.toUnsignedInt(b.getShort(6));
        long end = headerSize + b.getLong(8);
        if (end > bytes.length) {
            throw new IOException("truncated fatbin: header announces " + end + " bytes, file has " + bytes.length);
        }
        List<Image> images = new ArrayList<>();
        long p = headerSize;
        while (p + 32 <= end) {
            int at = Math.toIntExact(p);
            int kind = Short.toUnsignedInt(b.getShort(at));
            long entryHeader = Integer.toUnsignedLong(b.getInt(at + 4));
            long payload = Integer.toUnsignedLong(b.getInt(at + 8));
            int arch = b.getInt(at + 28);
            if (entryHeader < 32 || p + entryHeader + payload > end) {
                throw new IOException("corrupt fatbin entry at byte " + p);
            }
            images.add(new Image(kind == 1, arch, p + entryHeader, payload));
            p += entryHeader + payload;
        }
        return new Fatbin(bytes, images);
    }

    /** The raw bytes, for {@code cuModuleLoadData}. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The images in file order. */
    public List<Image> images() {
        return images;
    }

    /** Whether a device of compute capability {@code major.minor} can run this fatbin (SASS of its major family, or PTX it can JIT). */
    public boolean runsOn(int major, int minor) {
        int cc = major * 10 + minor;
        for (Image image : images) {
            if (image.ptx() ? image.arch() <= cc : image.arch() / 10 == major && image.arch() <= cc) {
                return true;
            }
        }
        return false;
    }

    /** The payload of {@code image}. */
    public byte[] payload(Image image) {
        return java.util.Arrays.copyOfRange(bytes, Math.toIntExact(image.offset()), Math.toIntExact(image.offset() + image.size()));
    }

    @Override
    public String toString() {
        return "fatbin " + images + " (" + bytes.length + " bytes)";
    }
}
