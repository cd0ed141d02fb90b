package io.faltung.testkit.reference;

import io.faltung.spi.Buffer;
import io.faltung.spi.DType;
import io.faltung.spi.MemoryStats;

/** Allocation, host transfers and exact live-memory accounting of the reference backend. */
public final class ReferenceMemory {
    private long liveBuffers;
    private long liveBytes;
    private long peakBytes;

    /** Allocates {@code count} elements of {@code dtype}, counted until the buffer is closed. */
    public synchronized ReferenceBuffer allocate(DType dtype, long count) {
        if (dtype == null) {
            throw new IllegalArgumentException("allocate: dtype is null");
        }
        if (count < 0 || count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("allocate: cannot hold " + count + " " + dtype
                    + " elements in a reference buffer (0 … " + (Integer.MAX_VALUE - 8) + ")");
        }
        long bytes = count * dtype.bytes();
        ReferenceBuffer buffer = new ReferenceBuffer(dtype, (int) count, () -> released(bytes));
        liveBuffers++;
        liveBytes += bytes;
        peakBytes = Math.max(peakBytes, liveBytes);
        return buffer;
    }

    private synchronized void released(long bytes) {
        liveBuffers--;
        liveBytes -= bytes;
    }

    /** Live buffers, live bytes and the high-water mark since this memory was created. */
    public synchronized MemoryStats stats() {
        return new MemoryStats(liveBuffers, liveBytes, peakBytes);
    }

    /** Copies a host range into a buffer after checking dtype and both ranges. */
    public static void upload(Object src, int srcOffset, int srcLength, DType hostType, Buffer dst, long dstOffset,
            int count) {
        ReferenceBuffer buffer = checked("upload", hostType, dst, dstOffset, count);
        checkHostRange("upload", srcOffset, count, srcLength);
        System.arraycopy(src, srcOffset, array(buffer), (int) dstOffset, count);
    }

    /** Copies a buffer range to a host array after checking dtype and both ranges. */
    public static void download(Buffer src, long srcOffset, DType hostType, Object dst, int dstOffset, int dstLength,
            int count) {
        ReferenceBuffer buffer = checked("download", hostType, src, srcOffset, count);
        checkHostRange("download", dstOffset, count, dstLength);
        System.arraycopy(array(buffer), (int) srcOffset, dst, dstOffset, count);
    }

    private static ReferenceBuffer checked(String what, DType hostType, Buffer device, long offset, int count) {
        ReferenceBuffer buffer = ReferenceBuffer.of(device);
        if (buffer.dtype() != hostType) {
            throw new IllegalArgumentException(what + ": host array of " + hostType + " but buffer holds "
                    + buffer.dtype());
        }
        if (count < 0 || offset < 0 || offset + count > buffer.size()) {
            throw new IllegalArgumentException(what + ": elements [" + offset + ", " + offset + "+" + count
                    + ") outside a buffer of " + buffer.size());
        }
        return buffer;
    }

    private static void checkHostRange(String what, int offset, int count, int length) {
        if (offset < 0 || (long) offset + count > length) {
            throw new IllegalArgumentException(what + ": host elements [" + offset + ", " + offset + "+" + count
                    + ") outside an array of " + length);
        }
    }

    private static Object array(ReferenceBuffer buffer) {
        return switch (buffer.dtype()) {
            case FLOAT32 -> buffer.floats();
            case FLOAT64 -> buffer.doubles();
            case INT32 -> buffer.ints();
        };
    }
}
