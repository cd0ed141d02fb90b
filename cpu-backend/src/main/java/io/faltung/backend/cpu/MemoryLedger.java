package io.faltung.backend.cpu;

import io.faltung.spi.MemoryStats;

/**
 * Exact bookkeeping of the live heap buffers of one {@link CpuBackend}: every allocation and every
 * first close passes through here, so {@link #stats()} is exact (leak tests compare it for equality).
 */
final class MemoryLedger {
    private long liveBuffers;
    private long liveBytes;
    private long peakBytes;

    synchronized void allocated(long bytes) {
        liveBuffers++;
        liveBytes += bytes;
        peakBytes = Math.max(peakBytes, liveBytes);
    }

    synchronized void released(long bytes) {
        liveBuffers--;
        liveBytes -= bytes;
    }

    synchronized MemoryStats stats() {
        return new MemoryStats(liveBuffers, liveBytes, peakBytes);
    }
}
