package io.faltung.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faltung.spi.Buffer;
import io.faltung.spi.DType;
import io.faltung.spi.MemoryStats;

import org.junit.jupiter.api.Test;

/** Reuse of closed buffers' arrays: same dtype and length only, bounded, invisible to the ledger. */
class RecycledArraysTest {
    private static final int BIG = 8192;

    @Test
    void anArrayComesBackForTheSameDtypeAndLengthOnly() {
        RecycledArrays recycled = new RecycledArrays(1 << 20);
        Object first = recycled.take(DType.FLOAT32, BIG);
        recycled.give(DType.FLOAT32, BIG, first);
        assertEquals(BIG * 4L, recycled.heldBytes());
        assertNotSame(first, recycled.take(DType.FLOAT32, BIG + 1));
        assertNotSame(first, recycled.take(DType.INT32, BIG));
        assertSame(first, recycled.take(DType.FLOAT32, BIG));
        assertEquals(0, recycled.heldBytes());
        assertNotSame(first, recycled.take(DType.FLOAT32, BIG), "handed out once only");
    }

    @Test
    void smallArraysAreNotKept() {
        RecycledArrays recycled = new RecycledArrays(1 << 20);
        Object small = recycled.take(DType.FLOAT64, 16);
        recycled.give(DType.FLOAT64, 16, small);
        assertEquals(0, recycled.heldBytes());
        assertNotSame(small, recycled.take(DType.FLOAT64, 16));
    }

    @Test
    void pastTheCapacityTheArrayKeptLongestGoes() {
        RecycledArrays recycled = new RecycledArrays(3L * BIG * 4);
        Object[] arrays = new Object[4];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = recycled.take(DType.FLOAT32, BIG);
        }
        for (Object a : arrays) {
            recycled.give(DType.FLOAT32, BIG, a);
        }
        assertEquals(3L * BIG * 4, recycled.heldBytes());
        for (int i = 3; i >= 1; i--) {
            assertSame(arrays[i], recycled.take(DType.FLOAT32, BIG));
        }
        assertNotSame(arrays[0], recycled.take(DType.FLOAT32, BIG));
        recycled.give(DType.FLOAT64, BIG, new double[BIG]);
        recycled.clear();
        assertEquals(0, recycled.heldBytes());
    }

    @Test
    void theBackendReusesArraysYetCountsOnlyOpenBuffersAndClosedOnesStayClosed() {
        try (CpuBackend backend = new CpuBackend(1)) {
            Buffer a = backend.allocate(DType.FLOAT32, BIG);
            Object array = ((CpuBuffer) a).array();
            a.close();
            assertEquals(new MemoryStats(0, 0, BIG * 4L), backend.memoryStats());
            Buffer b = backend.allocate(DType.FLOAT32, BIG);
            assertSame(array, ((CpuBuffer) b).array());
            assertEquals(new MemoryStats(1, BIG * 4L, BIG * 4L), backend.memoryStats());
            assertThrows(IllegalStateException.class, () -> backend.upload(new float[1], 0, a, 0, 1));
            a.close();
            Buffer c = backend.allocate(DType.FLOAT32, BIG);
            assertNotSame(array, ((CpuBuffer) c).array(), "a second close gives nothing back");
            b.close();
            c.close();
        }
    }
}
