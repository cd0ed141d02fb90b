package io.faltung.testkit.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faltung.spi.DType;
import io.faltung.spi.RandomSpec;
import org.junit.jupiter.api.Test;

class PhiloxTest {

    private static int[] words(long... w) {
        int[] out = new int[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = (int) w[i];
        }
        return out;
    }

    @Test
    void random123KnownAnswerZero() {
        assertArrayEquals(words(0x6627e8d5L, 0xe169c58dL, 0xbc57ac4cL, 0x9b00dbd8L),
                Philox.block(words(0, 0, 0, 0), words(0, 0)));
    }

    @Test
    void random123KnownAnswerAllOnes() {
        assertArrayEquals(words(0x408f276dL, 0x41c83b0eL, 0xa20bc7c6L, 0x6d5451fdL),
                Philox.block(words(0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffffffffL),
                        words(0xffffffffL, 0xffffffffL)));
    }

    @Test
    void random123KnownAnswerPi() {
        assertArrayEquals(words(0xd16cfe09L, 0x94fdccebL, 0x5001e420L, 0x24126ea1L),
                Philox.block(words(0x243f6a88L, 0x85a308d3L, 0x13198a2eL, 0x03707344L),
                        words(0xa4093822L, 0x299f31d0L)));
    }

    @Test
    void seedAndCounterAreSplitLowWordFirst() {
        long seed = 0x1234_5678_9abc_def0L;
        long c = 0x0fed_cba9_8765_4321L;
        assertArrayEquals(Philox.block(words(0x87654321L, 0x0fedcba9L, 0, 0), words(0x9abcdef0L, 0x12345678L)),
                Philox.block(seed, c));
    }

    @Test
    void samplesFollowRandomSpecFormulas() {
        int[] x = words(0x6627e8d5L, 0xe169c58dL, 0xbc57ac4cL, 0x9b00dbd8L);
        double u32 = (0x6627e8d5L >>> 8) / 16777216.0;
        double u64 = ((0x6627e8d5L >>> 5) * 67108864.0 + (0xe169c58dL >>> 6)) / 9007199254740992.0;
        assertEquals(u32, ReferenceRandom.uniform(DType.FLOAT32, x), 0);
        assertEquals(u64, ReferenceRandom.uniform(DType.FLOAT64, x), 0);
        assertEquals(-1 + 4 * u32, ReferenceRandom.sample(RandomSpec.uniform(-1, 3), DType.FLOAT32, x), 0);
        double u1 = ((0xbc57ac4cL >>> 8) + 1) / 16777216.0;
        double u2 = (0x9b00dbd8L >>> 8) / 16777216.0;
        assertEquals(0.5 + 2 * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2),
                ReferenceRandom.sample(RandomSpec.normal(0.5, 2), DType.FLOAT64, x), 0);
        assertEquals(0.3990, u32, 1e-4);
        assertEquals(1, ReferenceRandom.sample(RandomSpec.bernoulli(0.4), DType.FLOAT32, x));
        assertEquals(0, ReferenceRandom.sample(RandomSpec.bernoulli(0.39), DType.FLOAT32, x));
    }
}
