package io.faltung.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.spi.Backend;
import io.faltung.spi.BackendProvider;
import io.faltung.spi.Buffer;
import io.faltung.spi.DType;
import io.faltung.spi.MemoryStats;
import io.faltung.spi.UnaryOp;
import io.faltung.spi.View;

import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Discovery, buffers, memory accounting and the pool. */
class CpuBackendTest {

    @Test
    void serviceLoaderFindsTheUsableCpuProvider() {
        BackendProvider cpu = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("cpu")).findFirst().orElseThrow();
        assertEquals(0, cpu.priority());
        assertTrue(cpu.probe().usable());
        assertTrue(cpu.probe().reason().matches("\\d+ threads?"), cpu.probe().reason());
        try (Backend backend = cpu.open()) {
            assertEquals("cpu", backend.name());
            assertTrue(backend.description().startsWith("cpu ("));
        }
    }

    @Test
    void memoryStatsAreExact() {
        try (CpuBackend backend = new CpuBackend(1)) {
            assertEquals(new MemoryStats(0, 0, 0), backend.memoryStats());
            Buffer f = backend.allocate(DType.FLOAT32, 10);
            Buffer d = backend.allocate(DType.FLOAT64, 3);
            Buffer i = backend.allocate(DType.INT32, 0);
            assertEquals(new MemoryStats(3, 64, 64), backend.memoryStats());
            d.close();
            d.close();
            assertEquals(new MemoryStats(2, 40, 64), backend.memoryStats());
            Buffer big = backend.allocate(DType.FLOAT64, 100);
            assertEquals(new MemoryStats(3, 840, 840), backend.memoryStats());
            big.close();
            f.close();
            i.close();
            assertEquals(new MemoryStats(0, 0, 840), backend.memoryStats());
        }
    }

    @Test
    void closedBuffersCannotBeUsed() {
        try (CpuBackend backend = new CpuBackend(1)) {
            Buffer b = backend.allocate(DType.FLOAT32, 4);
            View v = View.contiguous(b, 4);
            b.close();
            assertTrue(b.isClosed());
            assertThrows(IllegalStateException.class, () -> backend.upload(new float[4], 0, b, 0, 4));
            assertThrows(IllegalStateException.class, () -> backend.download(b, 0, new float[4], 0, 4));
            assertThrows(IllegalStateException.class, () -> backend.unary(UnaryOp.NEG, v, v));
            assertThrows(IllegalStateException.class, () -> backend.fill(v, 1));
        }
    }

    @Test
    void uploadChecksDtypesAndDownloadRoundTrips() {
        try (CpuBackend backend = new CpuBackend(1)) {
            Buffer b = backend.allocate(DType.INT32, 5);
            assertThrows(IllegalArgumentException.class, () -> backend.upload(new float[5], 0, b, 0, 5));
            backend.upload(new int[] {9, 1, 2, 3}, 1, b, 2, 3);
            int[] out = new int[5];
            backend.download(b, 1, out, 0, 4);
            assertEquals(3, out[3]);
            assertEquals(1, out[1]);
            assertThrows(IllegalArgumentException.class, () -> backend.allocate(DType.FLOAT32, 1L << 33));
        }
    }

    @Test
    void poolRunsEveryTaskOnceAndPropagatesFailures() {
        try (Parallel pool = new Parallel(3)) {
            AtomicInteger sum = new AtomicInteger();
            pool.forEach(100, t -> sum.addAndGet(t));
            assertEquals(4950, sum.get());
            long[] seen = new long[1];
            pool.forRange(10, 1000, (s, e) -> seen[0] += e - s);
            assertEquals(10, seen[0], "small ranges run on the caller in one piece");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.forEach(8, t -> {
                if (t == 5) {
                    throw new IllegalStateException("task five");
                }
            }));
            assertEquals("task five", e.getMessage());
            AtomicInteger nested = new AtomicInteger();
            pool.forEach(4, t -> pool.forEach(4, u -> nested.incrementAndGet()));
            assertEquals(16, nested.get());
            assertFalse(Thread.currentThread().getName().startsWith("faltung-cpu"));
        }
    }
}
