package io.faltung.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelWarmupTest {
    private static boolean warmupThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(KernelWarmup.THREAD) && t.isAlive());
    }

    @Test
    void roundsRunEveryPrimitiveOnValidShapes() {
        KernelWarmup warmup = new KernelWarmup();
        for (int i = 0; i < 3; i++) {
            warmup.round();   // a primitive called with shapes it rejects throws here
        }
    }

    @Test
    void stopsAtTheRoundOrTimeLimit() {
        assertEquals(4, new KernelWarmup().run(4, Long.MAX_VALUE));
        assertEquals(0, new KernelWarmup().run(4, 0));
    }

    @Test
    void startsOnlyWhenAskedForAndOnlyOnce() throws InterruptedException {
        String before = System.getProperty(KernelWarmup.PROPERTY);
        try {
            System.clearProperty(KernelWarmup.PROPERTY);
            new CpuBackendProvider().open().close();
            assertFalse(warmupThreadAlive(), "started without " + KernelWarmup.PROPERTY);
            System.setProperty(KernelWarmup.PROPERTY, "true");
            new CpuBackendProvider().open().close();
            new CpuBackendProvider().open().close();
            long threads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals(KernelWarmup.THREAD)).count();
            assertEquals(1, threads, "one warm-up thread per JVM");
        } finally {
            if (before == null) {
                System.clearProperty(KernelWarmup.PROPERTY);
            } else {
                System.setProperty(KernelWarmup.PROPERTY, before);
            }
        }
    }
}
