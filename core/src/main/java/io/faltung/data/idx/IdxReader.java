package io.faltung.data.idx;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the format of the MNIST data set), plain or gzip-compressed.
 *
 * <p>Layout: two zero bytes, a type byte ({@link IdxType}), the number of dimensions, then each
 * dimension as a big-endian 32-bit integer, then the elements, big-endian, row-major. Gzip input
 * is recognised by its own magic number, not by the file name.
 *
 * <p>Hostile or damaged input fails with an {@link IdxFormatException} that says what is wrong:
 * a bad magic number, an unknown type, dimensions whose product overflows or exceeds the size
 * limit, a payload shorter than the dimensions claim, or bytes after it. Memory grows only with
 * the bytes actually read, so a header that claims gigabytes costs nothing when the data is not
 * there.
 */
public final class IdxReader {
    /** The default limit on the payload: the largest Java array. */
    public static final long DEFAULT_MAX_BYTES = Integer.MAX_VALUE - 8;

    private static final int FIRST_CHUNK = 1 << 20;
    private static final int READ_CHUNK = 1 << 16;
    private static final int MAX_RANK = 16;

    private IdxReader() {
    }

    /** Reads {@code file} with the default size limit. */
    public static IdxArray read(Path file) throws IOException {
        return read(file, DEFAULT_MAX_BYTES);
    }

    /** Reads {@code file}, rejecting payloads larger than {@code maxBytes}. */
    public static IdxArray read(Path file, long maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            long fileSize = Files.size(file);
            return read(in, file.toString(), maxBytes, fileSize);
        }
    }

    /** Reads an IDX stream (plain or gzip) named {@code source} in messages; does not close {@code in}. */
    public static IdxArray read(InputStream in, String source) throws IOException {
        return read(in, source, DEFAULT_MAX_BYTES, -1);
    }

    /**
     * The IDX bytes of {@code file}, decompressed when it is gzip (recognised by its magic number),
     * read in one piece: to checksum and then {@link #read(byte[], String) parse} without copies.
     */
    public static byte[] readContent(Path file) throws IOException {
        byte[] raw;
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            if (size > DEFAULT_MAX_BYTES) {
                throw new IdxFormatException(file.toString(), "the file has " + size + " bytes, more than an array holds");
            }
            raw = new byte[(int) size];
            // In pieces: one read of the whole file would make NIO allocate, and keep, a direct buffer of its size.
            for (int at = 0, n; at < raw.length; at += n) {
                n = in.read(raw, at, Math.min(READ_CHUNK, raw.length - at));
                if (n < 0) {
                    throw new IdxFormatException(file.toString(), "the file shrank while it was read");
                }
            }
        }
        if (raw.length < 2 || (raw[0] & 0xFF) != 0x1f || (raw[1] & 0xFF) != 0x8b) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
            return in.readAllBytes();
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(file.toString(), "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Parses a whole IDX file held in memory (not gzip), without copying: the array's elements are
     * a view of {@code content}, which must not change afterwards. Named {@code source} in messages.
     */
    public static IdxArray read(byte[] content, String source) throws IOException {
        Header h = header(new DataInputStream(new ByteArrayInputStream(content)), source, DEFAULT_MAX_BYTES,
                content.length);
        return new IdxArray(h.type(), h.dims(), ByteBuffer.wrap(content, h.headerBytes(), (int) h.bytes()).slice());
    }

    /**
     * Opens {@code file} as a stream of IDX bytes, decompressing it when it is gzip. Useful to
     * checksum the IDX content while {@link #read(InputStream, String)} parses it.
     */
    public static InputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            return decompressIfGzip(new BufferedInputStream(raw, 1 << 16), file.toString());
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    private static IdxArray read(InputStream raw, String source, long maxBytes, long fileSize) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw);
        InputStream in = decompressIfGzip(buffered, source);
        boolean gzip = in != buffered;
        try {
            return parse(new DataInputStream(in), gzip ? source + " (gzip)" : source, maxBytes, gzip ? -1 : fileSize);
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(source, "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
    }

    private static InputStream decompressIfGzip(BufferedInputStream in, String source) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 != 0x1f || b1 != 0x8b) {
            return in;
        }
        try {
            return new GZIPInputStream(in, 1 << 16);
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(source, "corrupt or truncated gzip header (" + e.getMessage() + ")", e);
        }
    }

    /** What the header says: element type, extents, payload bytes, and the header's own length. */
    private record Header(IdxType type, int[] dims, long bytes, int headerBytes) {
    }

    private static IdxArray parse(DataInputStream in, String source, long maxBytes, long fileSize) throws IOException {
        Header h = header(in, source, maxBytes, fileSize);
        long bytes = h.bytes();
        int[] dims = h.dims();
        IdxType type = h.type();
        byte[] payload = readPayload(in, (int) bytes, source, dims, type);
        if (in.read() != -1) {
            throw new IdxFormatException(source, "extra bytes after the " + bytes + " data bytes that dimensions "
                    + Arrays.toString(dims) + " of " + type + " describe");
        }
        return new IdxArray(type, dims, ByteBuffer.wrap(payload));
    }

    /** Reads and checks the header; with {@code fileSize >= 0}, also that the payload fills the rest exactly. */
    private static Header header(DataInputStream in, String source, long maxBytes, long fileSize) throws IOException {
        byte[] magic = new byte[4];
        readHeader(in, magic, source, "the 4-byte magic number");
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IdxFormatException(source, String.format(
                    "not an IDX file: the magic number must start with two zero bytes, found 0x%02x 0x%02x",
                    magic[0] & 0xFF, magic[1] & 0xFF));
        }
        IdxType type = IdxType.ofCode(magic[2] & 0xFF);
        if (type == null) {
            throw new IdxFormatException(source, String.format("unknown IDX element type 0x%02x (expected one of "
                    + "0x08 ubyte, 0x09 byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double)", magic[2] & 0xFF));
        }
        int rank = magic[3] & 0xFF;
        if (rank < 1 || rank > MAX_RANK) {
            throw new IdxFormatException(source, "an IDX array needs 1 to " + MAX_RANK + " dimensions, header says " + rank);
        }
        byte[] dimBytes = new byte[4 * rank];
        readHeader(in, dimBytes, source, "the " + rank + " dimensions");
        int[] dims = new int[rank];
        long bytes = type.bytes();
        for (int k = 0; k < rank; k++) {
            long d = ((dimBytes[4 * k] & 0xFFL) << 24) | ((dimBytes[4 * k + 1] & 0xFF) << 16)
                    | ((dimBytes[4 * k + 2] & 0xFF) << 8) | (dimBytes[4 * k + 3] & 0xFF);
            if (d > Integer.MAX_VALUE) {
                throw new IdxFormatException(source, "dimension " + k + " is " + d + ", more than any array can hold");
            }
            dims[k] = (int) d;
            bytes *= d;
            if (bytes > maxBytes) {
                throw new IdxFormatException(source, "dimensions " + describe(dims, k) + " of " + type
                        + " need more than the limit of " + maxBytes + " bytes");
            }
        }
        long headerBytes = 4 + 4L * rank;
        if (fileSize >= 0 && fileSize - headerBytes != bytes) {
            throw new IdxFormatException(source, "dimensions " + Arrays.toString(dims) + " of " + type + " need "
                    + bytes + " data bytes after the " + headerBytes + "-byte header, but the file has "
                    + (fileSize - headerBytes) + (fileSize - headerBytes < bytes ? " (truncated)" : " (trailing bytes)"));
        }
        return new Header(type, dims, bytes, (int) headerBytes);
    }

    private static void readHeader(DataInputStream in, byte[] into, String source, String what) throws IOException {
        try {
            in.readFully(into);
        } catch (EOFException e) {
            throw new IdxFormatException(source, "ends inside the header, while reading " + what, e);
        }
    }

    /** Reads exactly {@code length} bytes, growing the buffer with the data actually present. */
    private static byte[] readPayload(InputStream in, int length, String source, int[] dims, IdxType type)
            throws IOException {
        byte[] buf = new byte[Math.min(length, FIRST_CHUNK)];
        int filled = 0;
        while (filled < length) {
            if (filled == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(length, 2L * buf.length));
            }
            int n = in.read(buf, filled, buf.length - filled);
            if (n < 0) {
                throw new IdxFormatException(source, "truncated: dimensions " + Arrays.toString(dims) + " of " + type
                        + " need " + length + " data bytes, the data ends after " + filled);
            }
            filled += n;
        }
        return buf;
    }

    private static String describe(int[] dims, int upTo) {
        return Arrays.toString(Arrays.copyOf(dims, upTo + 1)).replace("]", upTo + 1 < dims.length ? ", …]" : "]");
    }
}
