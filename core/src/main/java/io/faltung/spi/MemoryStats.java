package io.faltung.spi;

/** Live memory of a backend: how many buffers are open, their bytes, and the high-water mark. */
public record MemoryStats(long liveBuffers, long liveBytes, long peakBytes) {
}
