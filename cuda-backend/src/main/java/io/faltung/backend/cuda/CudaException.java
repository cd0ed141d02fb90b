package io.faltung.backend.cuda;

/** A failed CUDA driver, cuBLAS or cuDNN call; the message names the call and the library's error text. */
public class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public CudaException(String message) {
        super(message);
    }

    /** An exception with the given message and cause. */
    public CudaException(String message, Throwable cause) {
        super(message, cause);
    }
}
