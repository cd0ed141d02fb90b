package io.faltung.backend.cuda;

/**
 * The GPU could not provide a buffer even after the allocator returned its cached blocks to the
 * driver. The message states the requested size, the bytes live in Faltung buffers and the device's
 * free and total memory.
 */
public final class CudaOutOfMemoryException extends CudaException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public CudaOutOfMemoryException(String message) {
        super(message);
    }
}
