package io.faltung.testkit;

import io.faltung.spi.Availability;
import io.faltung.spi.Backend;
import io.faltung.spi.BackendProvider;

/**
 * Makes {@link ReferenceBackend} discoverable on test class paths (core's own tests and every
 * module that depends on core's test-jar). Lowest priority, so {@code auto} never picks it while a
 * real backend is present; request it by name ({@code reference}).
 */
public final class ReferenceBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "reference";
    }

    @Override
    public int priority() {
        return -100;
    }

    @Override
    public Availability probe() {
        return Availability.usable("reference (naive float64 loops, test only)");
    }

    @Override
    public Backend open() {
        return new ReferenceBackend();
    }
}
