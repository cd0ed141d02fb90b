package io.faltung.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.spi.DType;
import io.faltung.spi.View;
import io.faltung.testkit.reference.Elements;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutTest {

    private static View view(ReferenceBackend backend, Layout layout, int... shape) {
        Layout.Geometry g = layout.geometry(shape);
        return new View(backend.allocate(DType.FLOAT32, g.size()), shape, g.strides(), g.offset());
    }

    @Test
    void everyLayoutAddressesDistinctElementsInsideItsBuffer() {
        try (ReferenceBackend backend = new ReferenceBackend()) {
            for (Layout layout : Layout.ALL) {
                for (int[] shape : Shapes.AWKWARD) {
                    View v = view(backend, layout, shape);
                    long[] offsets = Elements.offsets(v);
                    assertEquals(offsets.length, Arrays.stream(offsets).distinct().count(), layout + " " + v);
                    v.buffer().close();
                }
            }
        }
    }

    @Test
    void layoutsHaveTheAdvertisedStrides() {
        int[] shape = {2, 3, 4};
        assertArrayEquals(new int[] {12, 4, 1}, Layout.CONTIGUOUS.geometry(shape).strides());
        assertArrayEquals(new int[] {1, 2, 6}, Layout.TRANSPOSED.geometry(shape).strides());
        Layout.Geometry stepped = Layout.STEPPED.geometry(shape);
        assertArrayEquals(new int[] {36, 9, 2}, stepped.strides());
        assertEquals(1 + 9 + 36, stepped.offset());
        assertEquals(3 * 4 * 9, stepped.size());
        Layout.Geometry flipped = Layout.FLIPPED.geometry(shape);
        assertArrayEquals(new int[] {-12, -4, -1}, flipped.strides());
        assertEquals(23, flipped.offset());
        assertArrayEquals(new int[] {-12, 4, 1}, Layout.FLIP_FIRST.geometry(shape).strides());
        Layout.Geometry bcast = Layout.CONTIGUOUS.broadcasting(0, 2).geometry(shape);
        assertArrayEquals(new int[] {0, 1, 0}, bcast.strides());
        assertEquals(3, bcast.size());
        assertEquals(0, Layout.FLIPPED.geometry(new int[] {}).offset());
        Layout.Geometry shifted = Layout.OFFSET.geometry(shape);
        assertArrayEquals(new int[] {12, 4, 1}, shifted.strides());
        assertEquals(3, shifted.offset());
        assertEquals(24 + 6, shifted.size());
    }

    @Test
    void stridedLayoutsAreNotContiguous() {
        try (ReferenceBackend backend = new ReferenceBackend()) {
            for (Layout layout : Layout.STRIDED) {
                View v = view(backend, layout, 3, 5);
                assertFalse(v.isContiguous(), layout.name());
                v.buffer().close();
            }
            for (Layout layout : List.of(Layout.CONTIGUOUS, Layout.OFFSET)) {
                View c = view(backend, layout, 3, 5);
                assertTrue(c.isContiguous(), layout.name());
                c.buffer().close();
            }
        }
    }
}
