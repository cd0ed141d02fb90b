package io.faltung.backend.cpu;

import io.faltung.spi.Backend;
import io.faltung.testkit.BackendContract;
import io.faltung.testkit.ReferenceBackend;
import org.junit.jupiter.api.AfterAll;

/**
 * The whole parity catalogue, CPU backend against the float64 reference, with two threads so that
 * the split paths (images, planes, rows, partial filter gradients over the pool) run too.
 */
class CpuContractTest extends BackendContract {
    private final CpuBackend cpu = new CpuBackend(2);
    private final ReferenceBackend reference = new ReferenceBackend();

    @Override
    protected Backend backend() {
        return cpu;
    }

    @Override
    protected Backend reference() {
        return reference;
    }

    @AfterAll
    void closeBackends() {
        cpu.close();
        reference.close();
    }
}
