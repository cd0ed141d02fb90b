package io.faltung.data.mnist;

/**
 * MNIST could not be found, fetched or verified. The message says what went wrong and exactly
 * what to do about it (which command to run, where to put which files).
 */
public final class MnistUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MnistUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
