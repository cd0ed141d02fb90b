package io.faltung.backend.cpu;

import io.faltung.spi.DType;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The heap arrays of closed buffers, kept for the next allocation of the same dtype and length.
 *
 * <p>A training step allocates the same few dozen tensors every time and closes them all at the
 * end (its scope). Fresh arrays cost the JVM a zeroing pass each and the collector a young
 * collection every few steps; handing back the arrays of the previous step costs a map lookup.
 * The SPI leaves the contents of a new buffer unspecified, so a recycled array is not cleared.
 *
 * <p>Only arrays of at least {@link #MIN_BYTES} are kept (small ones are cheaper to allocate than
 * to look up), and at most {@code capacity} bytes in all: past it the array kept longest is let go
 * to the collector. Closed buffers no longer hold their array, so a recycled array has one owner.
 * Kept arrays are not live buffers: {@link MemoryLedger} counts only open buffers.
 */
final class RecycledArrays {
    /** Arrays smaller than this many bytes are never kept. */
    static final long MIN_BYTES = 16 << 10;

    private final long capacity;
    private final Map<Long, ArrayDeque<Object>> free = new HashMap<>();
    /** Every kept array, the one kept longest first; for eviction. */
    private final ArrayDeque<Kept> age = new ArrayDeque<>();
    private long heldBytes;

    /** Keeps at most {@code capacity} bytes of arrays (0 keeps none). */
    RecycledArrays(long capacity) {
        this.capacity = capacity;
    }

    /** An array of {@code size} elements of {@code dtype}: a kept one, with stale contents, or a new one. */
    Object take(DType dtype, int size) {
        if (bytes(dtype, size) >= MIN_BYTES) {
            synchronized (this) {
                ArrayDeque<Object> same = free.get(key(dtype, size));
                Object kept = same == null ? null : same.pollLast();
                if (kept != null) {
                    heldBytes -= bytes(dtype, size);
                    removeAge(kept);
                    return kept;
                }
            }
        }
        return switch (dtype) {
            case FLOAT32 -> new float[size];
            case FLOAT64 -> new double[size];
            case INT32 -> new int[size];
        };
    }

    /** Takes back the array of a buffer that was just closed. */
    void give(DType dtype, int size, Object array) {
        long bytes = bytes(dtype, size);
        if (bytes < MIN_BYTES || bytes > capacity) {
            return;
        }
        synchronized (this) {
            while (heldBytes + bytes > capacity) {
                Kept oldest = age.pollFirst();
                free.get(oldest.key()).removeFirstOccurrence(oldest.array());
                heldBytes -= oldest.bytes();
            }
            free.computeIfAbsent(key(dtype, size), k -> new ArrayDeque<>()).addLast(array);
            age.addLast(new Kept(array, key(dtype, size), bytes));
            heldBytes += bytes;
        }
    }

    /** Lets every kept array go to the collector. */
    synchronized void clear() {
        free.clear();
        age.clear();
        heldBytes = 0;
    }

    /** Bytes held for reuse. */
    synchronized long heldBytes() {
        return heldBytes;
    }

    private void removeAge(Object array) {
        for (var it = age.descendingIterator(); it.hasNext(); ) {
            if (it.next().array() == array) {
                it.remove();
                return;
            }
        }
    }

    /** One kept array and where it is filed. */
    private record Kept(Object array, long key, long bytes) {
    }

    private static long key(DType dtype, int size) {
        return (long) size * DType.values().length + dtype.ordinal();
    }

    private static long bytes(DType dtype, int size) {
        return (long) size * dtype.bytes();
    }
}
