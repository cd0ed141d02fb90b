package io.faltung.data.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void readsUnsignedBytesPlainAndGzipped() throws IOException {
        byte[] image = IdxBytes.ubytes(new int[] {2, 2, 3}, 0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255);
        for (Path p : new Path[] {write("a-idx3-ubyte", image), write("a-idx3-ubyte.gz", IdxBytes.gzip(image)),
                write("no-extension", IdxBytes.gzip(image))}) {
            IdxArray a = IdxReader.read(p);
            assertEquals(IdxType.UNSIGNED_BYTE, a.type());
            assertArrayEquals(new int[] {2, 2, 3}, a.dims());
            assertEquals(12, a.size());
            assertEquals(255.0, a.get(11));
            assertEquals(250, a.toIntArray()[6]);
            assertEquals(1.0f, a.toFloatArray(1 / 255.0)[11], 1e-7f);
        }
    }

    @Test
    void readsEveryElementTypeBigEndian() throws IOException {
        assertEquals(-3.0, read(IdxBytes.idx(0x09, new int[] {1}, new byte[] {-3})).get(0));
        assertEquals(-2.0, read(IdxBytes.idx(0x0B, new int[] {1}, ByteBuffer.allocate(2).putShort((short) -2).array()))
                .get(0));
        assertEquals(70000.0, read(IdxBytes.idx(0x0C, new int[] {1}, ByteBuffer.allocate(4).putInt(70000).array()))
                .get(0));
        assertEquals(1.5, read(IdxBytes.idx(0x0D, new int[] {1}, ByteBuffer.allocate(4).putFloat(1.5f).array()))
                .get(0));
        IdxArray d = read(IdxBytes.idx(0x0E, new int[] {2}, ByteBuffer.allocate(16).putDouble(-0.25).putDouble(1e300)
                .array()));
        assertEquals(IdxType.DOUBLE, d.type());
        assertEquals(1e300, d.get(1));
        assertThrows(IllegalStateException.class, d::toIntArray);
    }

    private static IdxArray read(byte[] bytes) throws IOException {
        return IdxReader.read(new ByteArrayInputStream(bytes), "test");
    }

    private static String failure(byte[] bytes) {
        return assertThrows(IdxFormatException.class, () -> read(bytes)).getMessage();
    }

    private String fileFailure(byte[] bytes) throws IOException {
        Path p = write("bad", bytes);
        return assertThrows(IdxFormatException.class, () -> IdxReader.read(p)).getMessage();
    }

    @Test
    void rejectsBadMagicAndTypes() throws IOException {
        assertTrue(failure("PK, a zip file".getBytes()).contains("not an IDX file"));
        assertTrue(failure(IdxBytes.idx(0x07, new int[] {1}, new byte[1])).contains("unknown IDX element type 0x07"));
        assertTrue(failure(IdxBytes.idx(0x08, new int[0], new byte[0])).contains("1 to 16 dimensions"));
        assertTrue(failure(new byte[] {0, 0}).contains("ends inside the header"));
        assertTrue(fileFailure(new byte[] {0, 0, 8, 3, 0, 0, 0, 2}).contains("ends inside the header"));
        assertTrue(failure(new byte[0]).contains("magic number"));
    }

    @Test
    void rejectsTruncatedAndTrailingData() throws IOException {
        byte[] whole = IdxBytes.ubytes(new int[] {2, 3}, 1, 2, 3, 4, 5, 6);
        byte[] shortened = Arrays.copyOf(whole, whole.length - 1);
        byte[] longer = Arrays.copyOf(whole, whole.length + 2);
        assertTrue(failure(shortened).contains("truncated"), failure(shortened));
        assertTrue(fileFailure(shortened).contains("truncated"));
        assertTrue(failure(IdxBytes.gzip(shortened)).contains("truncated"));
        assertTrue(failure(longer).contains("extra bytes"));
        assertTrue(fileFailure(longer).contains("trailing bytes"));
        assertTrue(failure(IdxBytes.gzip(longer)).contains("extra bytes"));
        byte[] gz = IdxBytes.gzip(whole);
        assertTrue(failure(Arrays.copyOf(gz, gz.length - 12)).contains("gzip"));
        byte[] corrupt = gz.clone();
        corrupt[12] ^= 0x55;
        corrupt[13] ^= 0x55;
        assertThrows(IdxFormatException.class, () -> read(corrupt));
    }

    @Test
    void rejectsAbsurdDimensionsWithoutAllocating() throws IOException {
        String overflow = failure(IdxBytes.idx(0x0E, new int[] {65536, 65536, 65536}, new byte[0]));
        assertTrue(overflow.contains("limit"), overflow);
        assertTrue(failure(IdxBytes.idx(0x08, new int[] {-1}, new byte[0])).contains("4294967295"));
        assertTrue(fileFailure(IdxBytes.idx(0x08, new int[] {1000, 1000, 1000}, new byte[10])).contains("truncated"));

        // A gzip stream whose header claims 2 GB but holds 10 bytes: read without reserving the 2 GB.
        byte[] hostile = IdxBytes.gzip(IdxBytes.idx(0x08, new int[] {2_000_000_000}, new byte[10]));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertTrue(failure(hostile).contains("truncated"));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 16L << 20, "allocated " + allocated + " bytes for a 10-byte payload");
    }

    @Test
    void honoursAnExplicitLimit() throws IOException {
        Path p = write("small", IdxBytes.ubytes(new int[] {4, 4}, new int[16]));
        assertEquals(16, IdxReader.read(p, 16).size());
        assertTrue(assertThrows(IdxFormatException.class, () -> IdxReader.read(p, 15)).getMessage()
                .contains("limit of 15 bytes"));
    }

    @Test
    void emptyArrayIsAllowed() throws IOException {
        IdxArray a = read(IdxBytes.idx(0x08, new int[] {0, 28}, new byte[0]));
        assertEquals(0, a.size());
        assertArrayEquals(new int[] {0, 28}, a.dims());
    }

    @Test
    void readsWholeContentInMemoryAsAViewAndChecksItsLength() throws IOException {
        byte[] image = IdxBytes.ubytes(new int[] {2, 3}, 1, 2, 3, 4, 5, 255);
        Path gz = write("m-idx2-ubyte.gz", IdxBytes.gzip(image));
        assertArrayEquals(image, IdxReader.readContent(gz));
        byte[] content = IdxReader.readContent(write("m-idx2-ubyte", image));
        IdxArray a = IdxReader.read(content, "memory");
        assertArrayEquals(new int[] {2, 3}, a.dims());
        assertEquals(255.0, a.get(5));
        ByteBuffer bytes = a.bytes();
        assertEquals(6, bytes.remaining());
        assertEquals(1, bytes.get(0), "the view starts after the header");
        assertTrue(bytes.isReadOnly());

        byte[] truncated = Arrays.copyOf(image, image.length - 1);
        assertTrue(assertThrows(IdxFormatException.class, () -> IdxReader.read(truncated, "t")).getMessage()
                .contains("truncated"));
        byte[] trailing = Arrays.copyOf(image, image.length + 1);
        assertTrue(assertThrows(IdxFormatException.class, () -> IdxReader.read(trailing, "t")).getMessage()
                .contains("trailing bytes"));
        byte[] badGzip = Arrays.copyOf(IdxBytes.gzip(image), 12);
        Path broken = write("broken.gz", badGzip);
        assertTrue(assertThrows(IdxFormatException.class, () -> IdxReader.readContent(broken)).getMessage()
                .contains("gzip"));
    }
}
