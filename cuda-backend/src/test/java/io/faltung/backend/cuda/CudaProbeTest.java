package io.faltung.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.runtime.Backends;
import io.faltung.spi.Availability;
import io.faltung.spi.Backend;
import io.faltung.spi.BackendProvider;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The probe on whatever machine runs the tests: without a usable GPU it must say why (the reason
 * names the driver on a machine without one) and an explicit request for {@code cuda} must fail with
 * that reason; with a GPU it must be usable and open. {@code -Dfaltung.cuda.requireGpu=true} (the
 * parity profile) turns "no GPU" into a failure.
 */
class CudaProbeTest {

    @Test
    void providerIsDiscoverableWithNameAndPriority() {
        BackendProvider cuda = Backends.providers().stream().filter(p -> p.name().equals("cuda")).findFirst().orElseThrow();
        assertEquals(100, cuda.priority());
        assertTrue(cuda instanceof CudaBackendProvider);
    }

    @Test
    void probeIsUsableOnlyWithAGpuAndOtherwiseExplainsWhy() {
        Availability a = new CudaBackendProvider().probe();
        assertFalse(a.reason() == null || a.reason().isBlank(), "a probe always gives a reason or description");
        if (Boolean.getBoolean("faltung.cuda.requireGpu")) {
            assertTrue(a.usable(), "a GPU was required (-Dfaltung.cuda.requireGpu) but: " + a.reason());
        }
        if (a.usable()) {
            assertTrue(a.reason().startsWith("cuda ("), a.reason());
            try (Backend b = Backends.select("cuda")) {
                assertEquals("cuda", b.name());
            }
            return;
        }
        assertFalse(a.reason().contains("\n"), "one line: " + a.reason());
        if (!new java.io.File("/dev/nvidia0").exists() && !new java.io.File("/proc/driver/nvidia").exists()) {
            assertTrue(a.reason().toLowerCase(Locale.ROOT).contains("driver"), "no GPU here, so the driver must be named: " + a.reason());
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Backends.select("cuda"));
        assertTrue(e.getMessage().contains(a.reason()), e.getMessage());
    }

    @Test
    void probingTwiceGivesTheSameAnswerWithoutThrowing() {
        CudaBackendProvider provider = new CudaBackendProvider();
        assertEquals(provider.probe(), provider.probe());
        assertEquals(new CudaBackendProvider().probe().usable(), provider.probe().usable());
    }
}
