package io.faltung.benchmarks;

import io.faltung.runtime.Backends;
import io.faltung.spi.Backend;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;

/**
 * Faltung's CPU backend as the end-to-end benchmarks use it: opened through the provider (as an
 * application would get it) with a fixed pool size, {@code -Dfaltung.cpu.threads=N}, and the
 * Vector API module loaded; opening fails without either, so a run never compares an all-core or
 * scalar-fallback Faltung with a two-thread peer.
 */
final class Faltung {
    /** The CPU backend's pool-size property (see the backend's {@code Parallel}). */
    static final String THREADS_PROPERTY = "faltung.cpu.threads";
    /** The module of the backend's vector kernels. */
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private Faltung() {
    }

    /** Opens the CPU backend, makes it the default for new tensors and returns it (the caller closes it). */
    static Backend open() {
        if (System.getProperty(THREADS_PROPERTY) == null) {
            throw new IllegalStateException("Faltung's thread count is not fixed: run with -D" + THREADS_PROPERTY
                    + "=N, the same N as the peer's");
        }
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            throw new IllegalStateException(VECTOR_MODULE + " is not loaded, so the CPU backend would time its scalar"
                    + " fallback: run the JVM with --add-modules " + VECTOR_MODULE);
        }
        Backend backend = Backends.select("cpu");
        Backends.use(backend);
        System.out.println("Faltung: " + backend.description());
        return backend;
    }

    /** A long-lived FLOAT32 tensor of {@code shape} holding {@code values}. */
    static Tensor tensor(float[] values, int... shape) {
        return Scope.unscoped(() -> Tensor.of(values, shape));
    }
}
