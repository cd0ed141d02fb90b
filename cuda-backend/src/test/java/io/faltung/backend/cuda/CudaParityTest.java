package io.faltung.backend.cuda;

import io.faltung.runtime.Backends;
import io.faltung.spi.Availability;
import io.faltung.spi.Backend;
import io.faltung.testkit.BackendContract;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The parity catalogue on the GPU: every case runs on the CUDA backend (FP32 math, deterministic
 * cuDNN algorithms) and on the CPU backend with identical inputs, compared within the case's
 * tolerance. Skipped with the probe's reason where no GPU is usable; with
 * {@code -Dfaltung.cuda.requireGpu=true} (the parity profile) that is a failure instead.
 */
class CudaParityTest extends BackendContract {
    private static final Availability PROBE = new CudaBackendProvider().probe();
    private Backend cuda;
    private Backend cpu;

    private static void requireUsable() {
        if (Boolean.getBoolean("faltung.cuda.requireGpu")) {
            Assertions.assertTrue(PROBE.usable(), "a GPU was required (-Dfaltung.cuda.requireGpu) but: " + PROBE.reason());
        }
        Assumptions.assumeTrue(PROBE.usable(), () -> "CUDA backend unusable: " + PROBE.reason());
    }

    @Override
    @TestFactory
    public Stream<DynamicNode> parity() {
        if (!PROBE.usable()) {
            // One visible test that is skipped (or fails under requireGpu) with the probe's reason,
            // instead of an empty container that reports nothing.
            return Stream.of(DynamicTest.dynamicTest("CUDA parity catalogue", CudaParityTest::requireUsable));
        }
        return super.parity();
    }

    @Override
    protected synchronized Backend backend() {
        requireUsable();
        if (cuda == null) {
            cuda = CudaBackend.open(CudaOptions.fromSystemProperties().forParity());
        }
        return cuda;
    }

    @Override
    protected synchronized Backend reference() {
        requireUsable();
        if (cpu == null) {
            cpu = Backends.select("cpu");
        }
        return cpu;
    }

    @AfterAll
    synchronized void closeBackends() {
        if (cuda != null) {
            cuda.close();
        }
        if (cpu != null) {
            cpu.close();
        }
    }
}
