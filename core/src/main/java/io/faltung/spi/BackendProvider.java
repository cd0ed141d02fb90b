package io.faltung.spi;

/**
 * Entry point of a backend, found with {@link java.util.ServiceLoader}.
 *
 * <p>Implementations must be cheap to instantiate: no native calls and no static state that
 * touches native libraries. {@link #probe()} is where a backend checks that it can run.
 */
public interface BackendProvider {
    /** Short lower-case name used in the backend policy ({@code cpu}, {@code cuda}). */
    String name();

    /** Higher wins under the {@code auto} policy. */
    int priority();

    /** Checks, without side effects and without throwing, whether {@link #open()} would work. */
    Availability probe();

    /** Opens the backend. Call only after a usable {@link #probe()}. */
    Backend open();
}
