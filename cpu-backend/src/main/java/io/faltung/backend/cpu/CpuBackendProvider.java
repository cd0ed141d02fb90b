package io.faltung.backend.cpu;

import io.faltung.spi.Availability;
import io.faltung.spi.Backend;
import io.faltung.spi.BackendProvider;

/** Discovers the pure-Java CPU backend: always usable, lowest priority, so any accelerator wins under {@code auto}. */
public final class CpuBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return CpuBackend.NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability probe() {
        int threads = Parallel.defaultThreads();
        return Availability.usable(threads + (threads == 1 ? " thread" : " threads"));
    }

    @Override
    public Backend open() {
        return new CpuBackend(Parallel.defaultThreads());
    }
}
