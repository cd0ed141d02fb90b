package io.faltung.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.spi.BackendProvider;
import io.faltung.spi.BinaryOp;
import io.faltung.spi.Buffer;
import io.faltung.spi.DType;
import io.faltung.spi.GemmSpec;
import io.faltung.spi.MemoryStats;
import io.faltung.spi.RandomSpec;
import io.faltung.spi.ReduceOp;
import io.faltung.spi.Scalar;
import io.faltung.spi.UnaryOp;
import io.faltung.spi.View;
import io.faltung.testkit.reference.Philox;
import io.faltung.testkit.reference.ReferenceRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Known small answers for the reference backend, the root of the parity chain. */
class ReferenceBackendTest {
    private final ReferenceBackend backend = new ReferenceBackend();
    private final List<Buffer> buffers = new ArrayList<>();

    private Buffer buffer(DType dtype, double... values) {
        Buffer b = DeviceArrays.upload(backend, dtype, values);
        buffers.add(b);
        return b;
    }

    private View view(DType dtype, int[] shape, double... values) {
        return View.contiguous(buffer(dtype, values), shape);
    }

    private double[] read(View v) {
        return DeviceArrays.download(backend, v);
    }

    @AfterEach
    void closeAll() {
        buffers.forEach(Buffer::close);
        backend.close();
    }

    @Test
    void gemmPlainTransposedAlphaBeta() {
        View a = view(DType.FLOAT64, new int[] {2, 3}, 1, 2, 3, 4, 5, 6);
        View b = view(DType.FLOAT64, new int[] {3, 2}, 7, 8, 9, 10, 11, 12);
        View c = view(DType.FLOAT64, new int[] {2, 2}, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        backend.gemm(GemmSpec.plain(), a, b, c);
        assertArrayEquals(new double[] {58, 64, 139, 154}, read(c));
        View at = view(DType.FLOAT64, new int[] {3, 2}, 1, 4, 2, 5, 3, 6);
        backend.gemm(new GemmSpec(true, false, 2, 0.5), at, b, c);
        assertArrayEquals(new double[] {145, 160, 347.5, 385}, read(c));
        View bt = view(DType.FLOAT64, new int[] {2, 3}, 7, 9, 11, 8, 10, 12);
        backend.gemm(GemmSpec.of(true, true), at, bt, c);
        assertArrayEquals(new double[] {58, 64, 139, 154}, read(c));
    }

    @Test
    void gemmBroadcastsABatchOfOne() {
        View a = view(DType.FLOAT32, new int[] {2, 1, 2}, 1, 2, 3, 4);
        View b = view(DType.FLOAT32, new int[] {1, 2, 1}, 10, 100);
        View c = View.contiguous(buffer(DType.FLOAT32, 0, 0), 2, 1, 1);
        backend.gemm(GemmSpec.plain(), a, b, c);
        assertArrayEquals(new double[] {210, 430}, read(c));
    }

    @Test
    void gemmRejectsMismatchedInnerExtent() {
        View a = view(DType.FLOAT32, new int[] {2, 3}, 1, 2, 3, 4, 5, 6);
        View c = view(DType.FLOAT32, new int[] {2, 2}, 0, 0, 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.gemm(GemmSpec.plain(), a, a, c));
        assertTrue(e.getMessage().contains("op(B) is [2, 3]"), e.getMessage());
    }

    @Test
    void reduceOverSeveralAxesKeepsThemAsOnes() {
        View x = view(DType.FLOAT64, new int[] {2, 3, 2}, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        View sum = View.contiguous(buffer(DType.FLOAT64, 0, 0), 1, 1, 2);
        backend.reduce(ReduceOp.SUM, x, new int[] {0, 1}, sum);
        assertArrayEquals(new double[] {36, 42}, read(sum));
        View max = View.contiguous(buffer(DType.FLOAT64, 0, 0), 2, 1, 1);
        backend.reduce(ReduceOp.MAX, x, new int[] {1, 2}, max);
        assertArrayEquals(new double[] {6, 12}, read(max));
        View min = View.contiguous(buffer(DType.FLOAT64, 0, 0, 0), 1, 3, 1);
        backend.reduce(ReduceOp.MIN, x, new int[] {0, 2}, min);
        assertArrayEquals(new double[] {1, 3, 5}, read(min));
        assertThrows(IllegalArgumentException.class, () -> backend.reduce(ReduceOp.SUM, x, new int[] {1, 0}, sum));
    }

    @Test
    void argMaxTakesFirstOfTiesAndNaNWins() {
        View x = view(DType.FLOAT32, new int[] {3, 4}, 1, 7, 7, 2, 5, Double.NaN, 9, Double.NaN, 9, -1, -1, 9);
        View rows = View.contiguous(buffer(DType.INT32, 0, 0, 0), 3, 1);
        backend.argMax(x, 1, rows);
        assertArrayEquals(new double[] {1, 1, 0}, read(rows));
        View cols = View.contiguous(buffer(DType.INT32, 0, 0, 0, 0), 1, 4);
        backend.argMax(x, 0, cols);
        assertArrayEquals(new double[] {2, 1, 1, 1}, read(cols));
    }

    @Test
    void copyThroughNegativeAndZeroStrides() {
        Buffer src = buffer(DType.FLOAT64, 1, 2, 3, 4, 5, 6);
        View flipped = new View(src, new int[] {2, 3}, new int[] {-3, -1}, 5);
        View dst = view(DType.FLOAT32, new int[] {2, 3}, 0, 0, 0, 0, 0, 0);
        backend.copy(flipped, dst);
        assertArrayEquals(new double[] {6, 5, 4, 3, 2, 1}, read(dst));
        View row = new View(src, new int[] {2, 3}, new int[] {0, 2}, 0);
        backend.copy(row, dst);
        assertArrayEquals(new double[] {1, 3, 5, 1, 3, 5}, read(dst));
        View inPlaceFlip = new View(src, new int[] {6}, new int[] {-1}, 5);
        backend.copy(inPlaceFlip, View.contiguous(src, 6));
        assertArrayEquals(new double[] {6, 5, 4, 3, 2, 1}, read(View.contiguous(src, 6)));
    }

    @Test
    void outputsThatAddressAnElementTwiceAreRejected() {
        Buffer b = buffer(DType.FLOAT32, 0, 0, 0);
        View broadcastOut = new View(b, new int[] {3}, new int[] {0}, 0);
        assertThrows(IllegalArgumentException.class, () -> backend.fill(broadcastOut, 1));
    }

    @Test
    void float32StoresRoundOnlyTheResult() {
        View x = view(DType.FLOAT32, new int[] {2}, 16777216, 1);
        View out = view(DType.FLOAT32, new int[] {2}, 0, 0);
        backend.binary(BinaryOp.ADD, x, new Scalar(1), out);
        assertArrayEquals(new double[] {16777216, 2}, read(out));
        backend.binary(BinaryOp.MUL, x, new Scalar(0.1), out);
        assertArrayEquals(new double[] {(float) (16777216 * (double) 0.1f), (float) (double) 0.1f}, read(out));
        backend.unary(UnaryOp.SQRT, x, out);
        assertArrayEquals(new double[] {4096, 1}, read(out));
    }

    @Test
    void whereBinaryComparisonsAndIntegerCopies() {
        View a = view(DType.FLOAT64, new int[] {4}, -1.5, 2.5, 3, Double.NaN);
        View out = view(DType.FLOAT64, new int[] {4}, 0, 0, 0, 0);
        backend.binary(BinaryOp.GT, a, new Scalar(2.5), out);
        assertArrayEquals(new double[] {0, 0, 1, 0}, read(out));
        backend.where(out, a, new Scalar(-7), out);
        assertArrayEquals(new double[] {-7, -7, 3, -7}, read(out));
        View ints = view(DType.INT32, new int[] {4}, 0, 0, 0, 0);
        backend.copy(a, ints);
        assertArrayEquals(new double[] {-1, 2, 3, 0}, read(ints));
    }

    @Test
    void randomIsThePhiloxStreamAtTheGivenOffset() {
        View out = view(DType.FLOAT32, new int[] {2, 2}, 0, 0, 0, 0);
        backend.random(RandomSpec.uniform(0, 1), 42, 7, out);
        double[] values = read(out);
        for (int i = 0; i < 4; i++) {
            assertEquals(ReferenceRandom.uniform(DType.FLOAT32, Philox.block(42, 7 + i)), values[i], 0);
        }
        View flipped = new View(out.buffer(), new int[] {4}, new int[] {-1}, 3);
        backend.random(RandomSpec.uniform(0, 1), 42, 7, flipped);
        assertArrayEquals(new double[] {values[3], values[2], values[1], values[0]}, read(out));
    }

    @Test
    void memoryStatsAreExactAndLeaksFailClose() {
        ReferenceBackend own = new ReferenceBackend();
        Buffer f = own.allocate(DType.FLOAT32, 10);
        Buffer d = own.allocate(DType.FLOAT64, 3);
        assertEquals(new MemoryStats(2, 64, 64), own.memoryStats());
        f.close();
        f.close();
        assertEquals(new MemoryStats(1, 24, 64), own.memoryStats());
        assertThrows(IllegalStateException.class, () -> own.fill(View.contiguous(f, 10), 0));
        assertThrows(IllegalStateException.class, own::close);
        d.close();
        own.close();
        assertEquals(new MemoryStats(0, 0, 64), own.memoryStats());
    }

    @Test
    void freshBuffersHoldNaN() {
        Buffer b = backend.allocate(DType.FLOAT64, 2);
        buffers.add(b);
        assertTrue(Double.isNaN(read(View.contiguous(b, 2))[1]));
    }

    @Test
    void providerIsDiscoverableWithLowestPriority() {
        BackendProvider provider = ServiceLoader.load(BackendProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("reference")).findFirst().orElseThrow();
        assertEquals(-100, provider.priority());
        assertTrue(provider.probe().usable());
        try (var opened = provider.open()) {
            assertEquals("reference", opened.name());
        }
    }
}
