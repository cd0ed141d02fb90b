package io.faltung.spi;

/**
 * A block of backend memory holding {@link #size()} elements of one {@link DType}.
 *
 * <p>Buffers are owned explicitly: whoever allocates one closes it. Closing twice is harmless;
 * using a closed buffer throws {@link IllegalStateException}.
 */
public interface Buffer extends AutoCloseable {
    /** Element type. */
    DType dtype();

    /** Number of elements. */
    long size();

    /** Whether {@link #close()} has been called. */
    boolean isClosed();

    /** Releases the memory. Idempotent. */
    @Override
    void close();
}
