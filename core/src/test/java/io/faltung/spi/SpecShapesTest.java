package io.faltung.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Output shapes of {@link ConvSpec} and {@link PoolSpec}, and the messages for shapes that do not fit. */
class SpecShapesTest {

    @Test
    void convolutionOutputShapes() {
        assertArrayEquals(new int[] {64, 20, 24, 24}, ConvSpec.unit().outputShape(new int[] {64, 1, 28, 28},
                new int[] {20, 1, 5, 5}));
        ConvSpec strided = new ConvSpec(2, 3, 1, 0, 2, 1, 2);
        // H: (9 + 2 - 2·2 - 1) / 2 + 1 = 4; W: (10 - 2 - 1) / 3 + 1 = 3
        assertArrayEquals(new int[] {1, 6, 4, 3}, strided.outputShape(new int[] {1, 4, 9, 10}, new int[] {6, 2, 3, 3}));
        assertArrayEquals(new int[] {0, 3, 1, 5}, ConvSpec.unit().outputShape(new int[] {0, 2, 1, 7},
                new int[] {3, 2, 1, 3}));
    }

    @Test
    void convolutionMismatchesNameTheShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvSpec.unit().outputShape(new int[] {2, 3, 8, 8}, new int[] {4, 2, 3, 3}));
        assertTrue(e.getMessage().contains("[2, 3, 8, 8]") && e.getMessage().contains("[4, 2, 3, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ConvSpec(1, 1, 0, 0, 1, 1, 2)
                .outputShape(new int[] {1, 4, 5, 5}, new int[] {3, 2, 3, 3}));
        e = assertThrows(IllegalArgumentException.class,
                () -> ConvSpec.unit().outputShape(new int[] {1, 1, 4, 4}, new int[] {1, 1, 5, 1}));
        assertTrue(e.getMessage().contains("do not fit"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConvSpec.unit().outputShape(new int[] {1, 4, 4},
                new int[] {1, 1, 1, 1}));
    }

    @Test
    void poolingOutputShapes() {
        PoolSpec max = new PoolSpec(PoolSpec.Mode.MAX, 2, 2, 2, 2, 0, 0);
        assertArrayEquals(new int[] {64, 20, 12, 12}, max.outputShape(new int[] {64, 20, 24, 24}));
        PoolSpec padded = new PoolSpec(PoolSpec.Mode.AVG_EXCLUDE_PADDING, 3, 1, 2, 1, 1, 0);
        assertArrayEquals(new int[] {2, 3, 3, 4}, padded.outputShape(new int[] {2, 3, 5, 4}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> max.outputShape(new int[] {1, 1, 1, 5}));
        assertTrue(e.getMessage().contains("[1, 1, 1, 5]"), e.getMessage());
    }
}
