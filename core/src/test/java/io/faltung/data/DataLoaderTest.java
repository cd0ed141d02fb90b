package io.faltung.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faltung.spi.DType;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataLoaderTest {

    /** Ten samples: features {@code [i, −i]}, target {@code [10·i]}. */
    private static Dataset tenSamples() {
        float[] x = new float[20];
        float[] y = new float[10];
        for (int i = 0; i < 10; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            y[i] = 10 * i;
        }
        return new ArrayDataset(x, Shape.of(2), y, Shape.of(1));
    }

    @Test
    void keepsTheLastPartialBatchInOrderWithoutShuffling() {
        DataLoader loader = new DataLoader(tenSamples(), 4, false, 0);
        assertEquals(3, loader.batchCount());
        List<Integer> sizes = new ArrayList<>();
        try (Scope s = Scope.open()) {
            for (Batch b : loader.epoch(0)) {
                sizes.add(b.size());
                assertEquals(DType.FLOAT32, b.features().dtype());
            }
            Batch last = loader.batch(0, 2);
            assertEquals(Shape.of(2, 2), last.features().shape());
            assertArrayEquals(new float[] {8, -8, 9, -9}, last.features().toFloatArray());
            assertArrayEquals(new float[] {80, 90}, last.targets().toFloatArray());
        }
        assertEquals(List.of(4, 4, 2), sizes);
        assertThrows(IndexOutOfBoundsException.class, () -> loader.batch(0, 3));
    }

    @Test
    void theSameSeedAndEpochGiveTheSameOrder() {
        Dataset d = tenSamples();
        int[] e0 = new DataLoader(d, 3, true, 42).order(0);
        assertArrayEquals(e0, new DataLoader(d, 3, true, 42).order(0));
        assertArrayEquals(new DataLoader(d, 3, true, 42).order(5), new DataLoader(d, 3, true, 42).order(5),
                "an epoch's order does not depend on the epochs before it");
        assertFalse(Arrays.equals(e0, new DataLoader(d, 3, true, 42).order(1)), "epochs are reshuffled");
        assertFalse(Arrays.equals(e0, new DataLoader(d, 3, true, 43).order(0)), "seeds differ");
        int[] sorted = e0.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted, "a permutation");
    }

    @Test
    void batchesFollowTheOrderAndCanBeResumedAnywhere() {
        DataLoader loader = new DataLoader(tenSamples(), 3, true, 7);
        int[] order = loader.order(2);
        try (Scope s = Scope.open()) {
            float[] targets = new float[10];
            int n = 0;
            for (Batch b : loader.epoch(2)) {
                for (float t : b.targets().toFloatArray()) {
                    targets[n++] = t;
                }
            }
            for (int i = 0; i < 10; i++) {
                assertEquals(10f * order[i], targets[i], "sample " + i + " of epoch 2");
            }
            DataLoader fresh = new DataLoader(tenSamples(), 3, true, 7);
            assertArrayEquals(new float[] {10f * order[6], 10f * order[7], 10f * order[8]},
                    fresh.batch(2, 2).targets().toFloatArray(), "a new loader resumes at (epoch 2, batch 2)");
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(tenSamples(), 0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(tenSamples(), 2, true, 0).order(-1));
    }
}
