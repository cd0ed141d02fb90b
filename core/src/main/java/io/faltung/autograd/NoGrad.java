package io.faltung.autograd;

/**
 * A scope in which operations are not recorded for backpropagation: inference, optimiser updates,
 * metrics. Scopes nest; use with try-with-resources.
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private boolean closed;

    private NoGrad() {
        DEPTH.get()[0]++;
    }

    /** Enters a no-grad scope. */
    public static NoGrad enter() {
        return new NoGrad();
    }

    /** Whether operations on this thread are currently recorded. */
    public static boolean isGradEnabled() {
        return DEPTH.get()[0] == 0;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            DEPTH.get()[0]--;
        }
    }
}
