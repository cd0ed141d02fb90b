package io.faltung.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.runtime.Backends;
import io.faltung.spi.BinaryOp;
import io.faltung.spi.DType;
import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void roundTripsValuesAndShape() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(Shape.of(2, 3), t.shape());
        assertEquals(DType.FLOAT32, t.dtype());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, t.toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[] {1, 2, 3}, 2, 2));
    }

    @Test
    void applyInPlaceUpdatesTheTensorItselfBroadcastsAndCopiesAnOverlappingOperand() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor row = Tensor.of(new float[] {10, 20, 30}, 3);
        assertSame(t, t.applyInPlace(BinaryOp.ADD, row));
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, t.toFloatArray());
        t.applyInPlace(BinaryOp.MUL, 0.5).applyInPlace(BinaryOp.SUB, 1);
        assertArrayEquals(new float[] {4.5f, 10, 15.5f, 6, 11.5f, 17}, t.toFloatArray());
        Tensor u = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        u.applyInPlace(BinaryOp.SUB, u.transpose());
        assertArrayEquals(new float[] {0, -1, 1, 0}, u.toFloatArray(), "an overlapping transposed operand is read before writing");
        u.applyInPlace(BinaryOp.ADD, u);
        assertArrayEquals(new float[] {0, -2, 2, 0}, u.toFloatArray());
        Tensor w = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        w.applyInPlace(BinaryOp.MUL, 3);
        assertEquals(null, w.gradFn(), "not recorded");
        Tensor expanded = row.expand(Shape.of(2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> expanded.applyInPlace(BinaryOp.ADD, 1));
        assertTrue(e.getMessage().contains("broadcast view [2, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.applyInPlace(BinaryOp.ADD, Tensor.of(new float[] {1, 2}, 2)));
    }

    @Test
    void viewsShareMemoryAndReadCorrectly() {
        Tensor t = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
        Tensor tr = t.transpose();
        assertTrue(tr.sharesStorageWith(t));
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, tr.toFloatArray());
        assertArrayEquals(new float[] {2, 1, 0, 5, 4, 3}, t.flip(1).toFloatArray());
        assertArrayEquals(new float[] {0, 2, 3, 5}, t.slice(1, 0, 3, 2).toFloatArray());
        assertArrayEquals(new float[] {3, 4, 5}, t.slice(0, 1, 2).reshape(3).toFloatArray());
        Tensor row = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3}, row.expand(Shape.of(2, 3)).toFloatArray());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, tr.reshape(6).toFloatArray(), "reshape of a transposed view copies");
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 1, 2, 0, 3, 4, 5},
                t.pad(new int[] {1, 1}, new int[] {0, 0}).toFloatArray(),
                "pad adds a zero row above and a zero column left");
    }

    @Test
    void broadcastsBinaryOperations() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor col = Tensor.of(new float[] {10, 20}, 2, 1);
        assertArrayEquals(new float[] {11, 12, 13, 24, 25, 26}, a.add(col).toFloatArray());
        assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, a.mul(2).toFloatArray());
        assertArrayEquals(new float[] {6, 5, 4, 3, 2, 1}, a.rsub(7).toFloatArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.add(Tensor.of(new float[] {1, 2}, 2)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2]"), e.getMessage());
    }

    @Test
    void reducesAndMultipliesMatrices() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(21, a.sum().item(), 1e-6);
        assertArrayEquals(new float[] {5, 7, 9}, a.sum(0).toFloatArray());
        assertArrayEquals(new float[] {3, 6}, a.max(new int[] {1}, false).toFloatArray());
        assertArrayEquals(new int[] {2, 2}, a.argMax(1).toIntArray());
        Tensor b = Tensor.of(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        assertArrayEquals(new float[] {4, 5, 10, 11}, a.matmul(b).toFloatArray());
        assertArrayEquals(new float[] {14, 32, 32, 77}, a.matmul(a.transpose()).toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> a.matmul(a));
    }

    @Test
    void scopeReleasesIntermediatesAndKeepsWhatIsKept() {
        var backend = Backends.current();
        long baseline = backend.memoryStats().liveBuffers();
        Tensor kept;
        Tensor dropped;
        try (Scope s = Scope.open()) {
            Tensor a = Tensor.ones(4, 4);
            dropped = a.mul(3).add(1);
            kept = s.keep(dropped.sum());
        }
        assertTrue(dropped.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, dropped::toFloatArray);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(64, kept.item(), 1e-6);
        assertEquals(baseline + 1, backend.memoryStats().liveBuffers());
        kept.close();
        assertEquals(baseline, backend.memoryStats().liveBuffers());
    }

    @Test
    void viewKeepsBufferAliveUntilLastReferenceCloses() {
        var backend = Backends.current();
        long baseline = backend.memoryStats().liveBuffers();
        Tensor t = Tensor.ones(3, 3);
        Tensor v = t.transpose();
        t.close();
        assertEquals(baseline + 1, backend.memoryStats().liveBuffers());
        assertEquals(9, v.sum().item(), 1e-6);
        v.close();
        assertEquals(baseline + 1, backend.memoryStats().liveBuffers(), "only the sum result is left");
    }

    @Test
    void convertsBetweenDtypes() {
        Tensor d = Tensor.of(new double[] {1.5, -2.25}, 2);
        assertEquals(DType.FLOAT64, d.dtype());
        assertArrayEquals(new float[] {1.5f, -2.25f}, d.to(DType.FLOAT32).toFloatArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.add(Tensor.of(new float[] {1, 2}, 2)));
        assertTrue(e.getMessage().contains("FLOAT64") && e.getMessage().contains("FLOAT32"), e.getMessage());
    }

    @Test
    void concatenatesAlongAnAxis() {
        Tensor a = Tensor.of(new float[] {1, 2}, 1, 2);
        Tensor b = Tensor.of(new float[] {3, 4, 5, 6}, 2, 2);
        Tensor c = Tensor.concat(0, a, b);
        assertEquals(Shape.of(3, 2), c.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, c.toFloatArray());
    }
}
