package io.faltung.io.safetensors;

import io.faltung.io.InvalidFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Random-access bytes: a file channel or an array. */
interface ByteSource extends AutoCloseable {
    /** Total length in bytes. */
    long size() throws IOException;

    /** Fills {@code dst} from {@code position}; fails if the source ends first. */
    void read(long position, ByteBuffer dst) throws IOException;

    @Override
    void close() throws IOException;

    static ByteSource of(byte[] bytes) {
        return new ByteSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public void read(long position, ByteBuffer dst) {
                dst.put(bytes, Math.toIntExact(position), dst.remaining());
            }

            @Override
            public void close() {
            }
        };
    }

    static ByteSource of(FileChannel channel, String source) {
        return new ByteSource() {
            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public void read(long position, ByteBuffer dst) throws IOException {
                long at = position;
                while (dst.hasRemaining()) {
                    int n = channel.read(dst, at);
                    if (n < 0) {
                        throw new InvalidFormatException(source, "file ended at byte " + at + " while reading "
                                + dst.remaining() + " more bytes (was it truncated while open?)");
                    }
                    at += n;
                }
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
