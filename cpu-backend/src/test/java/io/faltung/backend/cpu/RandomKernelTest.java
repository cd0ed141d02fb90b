package io.faltung.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.backend.cpu.kernels.Philox;
import io.faltung.spi.DType;
import io.faltung.spi.RandomSpec;
import io.faltung.spi.View;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Philox known answers, the documented mapping to values, stream continuation and distributions. */
class RandomKernelTest {
    private final CpuBackend backend = new CpuBackend(2);
    private final Fixtures fx = new Fixtures(backend);

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void philoxMatchesRandom123KnownAnswers() {
        int[] out = new int[4];
        Philox.block(0, 0, 0, 0, 0, 0, out);
        assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, out);
        Philox.block(-1, -1, -1, -1, -1, -1, out);
        assertArrayEquals(new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}, out);
        Philox.block(0xa4093822, 0x299f31d0, 0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, out);
        assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}, out);
    }

    @Test
    void uniformFollowsTheDocumentedMappingOnAStridedView() {
        long seed = 0x1234_5678_9abcL;
        View out = fx.awkward(DType.FLOAT32, 3, 5);
        backend.random(RandomSpec.uniform(-1, 3), seed, 10, out);
        int[] x = new int[4];
        int i = 0;
        for (int[] idx : Fixtures.indices(3, 5)) {
            long c = 10 + i++;
            Philox.block((int) seed, (int) (seed >>> 32), (int) c, (int) (c >>> 32), 0, 0, x);
            double u = (x[0] >>> 8) * 0x1p-24;
            assertEquals((float) (-1 + 4 * u), fx.get(out, idx), 0);
        }
    }

    @Test
    void float64UniformUses53BitsAndNormalUsesBoxMuller() {
        View u = fx.dense(DType.FLOAT64, 1);
        View g = fx.dense(DType.FLOAT64, 1);
        backend.random(RandomSpec.uniform(0, 1), 7, 1L << 33, u);
        backend.random(RandomSpec.normal(1, 2), 7, 1L << 33, g);
        int[] x = new int[4];
        Philox.block(7, 0, 0, 2, 0, 0, x);
        assertEquals(((x[0] >>> 5) * 0x1p26 + (x[1] >>> 6)) * 0x1p-53, fx.get(u, 0), 0);
        double u1 = ((x[2] >>> 8) + 1) * 0x1p-24;
        double u2 = (x[3] >>> 8) * 0x1p-24;
        assertEquals(1 + 2 * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2), fx.get(g, 0), 0);
    }

    @Test
    void offsetContinuesTheStreamAndThePoolDoesNotChangeIt() {
        int n = 200_000;
        View whole = fx.dense(DType.FLOAT32, n);
        backend.random(RandomSpec.normal(0, 1), 99, 0, whole);
        View tail = fx.dense(DType.FLOAT32, 1000);
        backend.random(RandomSpec.normal(0, 1), 99, n - 1000, tail);
        double[] w = fx.data(whole.buffer());
        double[] t = fx.data(tail.buffer());
        for (int i = 0; i < 1000; i++) {
            assertEquals(w[n - 1000 + i], t[i], 0);
        }
        double mean = 0;
        double sq = 0;
        for (double v : w) {
            mean += v / n;
            sq += v * v / n;
        }
        assertEquals(0, mean, 0.01);
        assertEquals(1, sq - mean * mean, 0.02);
    }

    @Test
    void bernoulliHitsItsProbabilityAndWorksOnInt32() {
        int n = 100_000;
        View mask = fx.dense(DType.INT32, n);
        backend.random(RandomSpec.bernoulli(0.3), 5, 0, mask);
        double ones = 0;
        for (double v : fx.data(mask.buffer())) {
            assertTrue(v == 0 || v == 1);
            ones += v;
        }
        assertEquals(0.3, ones / n, 0.01);
        assertThrows(IllegalArgumentException.class, () -> backend.random(RandomSpec.normal(0, 1), 5, 0, mask));
    }

    @Test
    void uniformStaysBelowItsUpperBound() {
        View out = fx.dense(DType.FLOAT32, 50_000);
        backend.random(RandomSpec.uniform(1e6, 1e6 + 1), 3, 0, out);
        for (double v : fx.data(out.buffer())) {
            assertTrue(v >= 1e6 && v < 1e6 + 1, "value " + v);
        }
    }
}
