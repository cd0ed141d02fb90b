package io.faltung.testkit;

import java.util.Arrays;
import java.util.List;

/** Shapes the catalogue reuses: ranks 0 to 4, extents of 1, odd extents, a batch of 1. */
public final class Shapes {
    /** Elementwise shapes, rank 0 to 4. */
    public static final List<int[]> AWKWARD = List.of(
            new int[] {}, new int[] {1}, new int[] {7}, new int[] {1, 1}, new int[] {3, 5}, new int[] {2, 1, 3},
            new int[] {1, 4, 1, 3}, new int[] {2, 3, 4, 5});

    private Shapes() {
    }

    /** {@code [2, 3]}-style text for case names. */
    public static String of(int... shape) {
        return Arrays.toString(shape);
    }
}
