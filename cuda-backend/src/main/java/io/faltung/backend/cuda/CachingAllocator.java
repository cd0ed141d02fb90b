package io.faltung.backend.cuda;

import io.faltung.spi.MemoryStats;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Device memory with a cache: sizes are rounded up to a bucket (512 bytes up to 1 MiB, then 2 MiB),
 * a closed buffer's block goes back to its bucket's free list, and the next request of that bucket
 * reuses it without a driver call. Blocks are reused only in stream order (there is one stream), so
 * no synchronisation is needed. When the driver is out of memory the cache is returned to it and
 * the request retried once; if that fails too, {@link CudaOutOfMemoryException} states the request,
 * the live bytes and the device's free memory.
 *
 * <p>Accounting is exact: live buffers and bytes are what the SPI sees (requested sizes of open
 * buffers), cached bytes are the rounded sizes held in free lists.
 *
 * @param <P> the device pointer type ({@code CUdeviceptr}; tests use a fake)
 */
public final class CachingAllocator<P> {
    /** Bucket granularity of small blocks. */
    static final long SMALL_UNIT = 512;
    /** Largest small block. */
    static final long SMALL_LIMIT = 1L << 20;
    /** Bucket granularity of large blocks. */
    static final long LARGE_UNIT = 2L << 20;

    /** Where blocks come from: the driver, or a fake in tests. */
    public interface DeviceMemory<P> {
        /** A new block of {@code bytes}, or {@code null} when the device is out of memory. */
        P allocate(long bytes);

        /** Returns a block to the device (after pending work on it is done). */
        void free(P pointer);

        /** Waits for pending work, so blocks can be freed. */
        void synchronize();

        /** Free and total device memory for messages, e.g. {@code "1.2 GiB free of 80 GiB"}. */
        String describe();
    }

    /** A block handed out: its pointer and bucket size. */
    public record Block<P>(P pointer, long bucketBytes) {
    }

    private final DeviceMemory<P> device;
    private final Map<Long, ArrayDeque<P>> free = new HashMap<>();
    private long liveBuffers;
    private long liveBytes;
    private long peakBytes;
    private long cachedBytes;
    private long reservedBytes;

    /** An allocator drawing from {@code device}. */
    public CachingAllocator(DeviceMemory<P> device) {
        this.device = device;
    }

    /** The bucket size for a request of {@code bytes} (at least one small unit). */
    static long bucket(long bytes) {
        long unit = bytes <= SMALL_LIMIT ? SMALL_UNIT : LARGE_UNIT;
        return Math.max(SMALL_UNIT, Math.addExact(bytes, unit - 1) / unit * unit);
    }

    /** A block for a buffer of {@code bytes}, from the cache when one of its bucket is free. */
    public synchronized Block<P> allocate(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("allocate: negative size " + bytes);
        }
        long size = bucket(bytes);
        ArrayDeque<P> list = free.get(size);
        P pointer = list == null ? null : list.pollFirst();
        if (pointer != null) {
            cachedBytes -= size;
        } else {
            pointer = device.allocate(size);
            if (pointer == null) {
                emptyCache();
                pointer = device.allocate(size);
            }
            if (pointer == null) {
                throw new CudaOutOfMemoryException("CUDA out of memory: cannot allocate " + bytes + " bytes (bucket " + size
                        + "); " + liveBuffers + " live buffers hold " + liveBytes + " bytes, the allocator's cache was"
                        + " emptied, device: " + device.describe());
            }
            reservedBytes += size;
        }
        liveBuffers++;
        liveBytes += bytes;
        peakBytes = Math.max(peakBytes, liveBytes);
        return new Block<>(pointer, size);
    }

    /** Takes back the block of a closed buffer of {@code bytes}. */
    public synchronized void release(Block<P> block, long bytes) {
        liveBuffers--;
        liveBytes -= bytes;
        free.computeIfAbsent(block.bucketBytes(), k -> new ArrayDeque<>()).addFirst(block.pointer());
        cachedBytes += block.bucketBytes();
    }

    /** Returns every cached block to the device. */
    public synchronized void emptyCache() {
        if (cachedBytes == 0) {
            return;
        }
        device.synchronize();
        for (Map.Entry<Long, ArrayDeque<P>> e : free.entrySet()) {
            for (P p : e.getValue()) {
                device.free(p);
                reservedBytes -= e.getKey();
            }
        }
        free.clear();
        cachedBytes = 0;
    }

    /** Live buffers and bytes as the SPI sees them, and the high-water mark. */
    public synchronized MemoryStats stats() {
        return new MemoryStats(liveBuffers, liveBytes, peakBytes);
    }

    /** Bytes held in free lists. */
    public synchronized long cachedBytes() {
        return cachedBytes;
    }

    /** Bytes obtained from the device and not yet returned (live buckets plus cache). */
    public synchronized long reservedBytes() {
        return reservedBytes;
    }
}
