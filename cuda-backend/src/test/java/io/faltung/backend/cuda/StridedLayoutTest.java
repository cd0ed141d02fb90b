package io.faltung.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StridedLayoutTest {

    @Test
    void contiguousViewsOfAnyRankMergeToOneAxis() {
        StridedLayout.Merged m = StridedLayout.merge("t", new int[] {2, 3, 4}, new int[] {12, 4, 1}, new int[] {12, 4, 1});
        assertArrayEquals(new int[] {24}, m.shape());
        assertArrayEquals(new int[] {1}, m.strides()[0]);
        assertEquals(24, m.size());
    }

    @Test
    void aTransposedOperandKeepsBothAxesAndUnitAxesDisappear() {
        StridedLayout.Merged m = StridedLayout.merge("t", new int[] {3, 1, 4}, new int[] {4, 99, 1}, new int[] {1, 7, 3});
        assertArrayEquals(new int[] {3, 4}, m.shape());
        assertArrayEquals(new int[] {4, 1}, m.strides()[0]);
        assertArrayEquals(new int[] {1, 3}, m.strides()[1]);
    }

    @Test
    void broadcastAxesMergeOnlyWithBroadcastNeighbours() {
        StridedLayout.Merged m = StridedLayout.merge("t", new int[] {2, 3, 5}, new int[] {0, 0, 1}, new int[] {15, 5, 1});
        assertArrayEquals(new int[] {6, 5}, m.shape());
        assertArrayEquals(new int[] {0, 1}, m.strides()[0]);
        assertArrayEquals(new int[] {5, 1}, m.strides()[1]);
    }

    @Test
    void mergingPreservesEveryElementOffset() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int rank = 1 + random.nextInt(6);
            int[] shape = new int[rank];
            int[] a = new int[rank];
            int[] b = new int[rank];
            int unit = 1;
            for (int k = rank - 1; k >= 0; k--) {
                shape[k] = 1 + random.nextInt(3);
                a[k] = random.nextInt(4) == 0 ? 0 : unit * (random.nextBoolean() ? 1 : -1);
                b[k] = random.nextInt(3) == 0 ? 2 * unit : unit;
                unit *= shape[k] * 2;
            }
            StridedLayout.Merged m = StridedLayout.merge("t", shape, a, b);
            assertEquals(offsets(shape, a), offsets(m.shape(), m.strides()[0]));
            assertEquals(offsets(shape, b), offsets(m.shape(), m.strides()[1]));
            assertTrue(m.rank() <= rank);
        }
    }

    @Test
    void moreThanEightUnmergeableAxesAreRejectedWithTheOpName() {
        int[] shape = {2, 2, 2, 2, 2, 2, 2, 2, 2};
        int[] strides = {1, 2, 4, 8, 16, 32, 64, 128, 256};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StridedLayout.merge("unary EXP", shape, strides));
        assertTrue(e.getMessage().startsWith("unary EXP: "), e.getMessage());
    }

    @Test
    void packLaysOutTheEightyByteStruct() {
        int[] s = StridedLayout.pack(0x1_0000_0005L, new int[] {3, 4}, new int[] {-4, 1});
        assertEquals(StridedLayout.INTS * 4, 80);
        assertEquals(5, s[0]);
        assertEquals(1, s[1]);
        assertEquals(2, s[2]);
        assertArrayEquals(new int[] {3, 4, 0, 0, 0, 0, 0, 0}, java.util.Arrays.copyOfRange(s, 3, 11));
        assertArrayEquals(new int[] {-4, 1, 0, 0, 0, 0, 0, 0}, java.util.Arrays.copyOfRange(s, 11, 19));
        assertEquals(0, s[19]);
    }

    /** Offsets of every element in row-major order, as at() in common.cuh computes them. */
    private static List<Long> offsets(int[] shape, int[] strides) {
        List<Long> out = new ArrayList<>();
        long n = 1;
        for (int e : shape) {
            n *= e;
        }
        for (long i = 0; i < n; i++) {
            long j = i;
            long off = 0;
            for (int k = shape.length - 1; k >= 0; k--) {
                off += (j % shape[k]) * strides[k];
                j /= shape[k];
            }
            out.add(off);
        }
        return out;
    }
}
