package io.faltung.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.tensor.Shape;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class UnsignedByteDatasetTest {
    private static ByteBuffer bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return ByteBuffer.wrap(b);
    }

    @Test
    void scalesBytesAsUnsignedAndExpandsLabelsToOneHot() {
        Dataset d = new UnsignedByteDataset(bytes(0, 1, 128, 255, 7, 200), Shape.of(1, 3), 1 / 255.0, bytes(2, 0), 3);
        assertEquals(2, d.size());
        assertEquals(Shape.of(1, 3), d.featureShape());
        assertEquals(Shape.of(3), d.targetShape());
        float[] x = new float[5];
        d.copyFeatures(1, x, 2);
        assertArrayEquals(new float[] {0, 0, (float) (255 * (1 / 255.0)), (float) (7 / 255.0), (float) (200 * (1 / 255.0))}, x);
        d.copyFeatures(0, x, 0);
        assertEquals((float) (128 * (1 / 255.0)), x[2], "a byte of 128 or more is not negative");
        float[] y = {9, 9, 9, 9};
        d.copyTargets(0, y, 1);
        assertArrayEquals(new float[] {9, 0, 0, 1}, y);
        d.copyTargets(1, y, 0);
        assertArrayEquals(new float[] {1, 0, 0, 1}, y);
    }

    @Test
    void readsFromTheBuffersPositionWithoutCopying() {
        ByteBuffer features = bytes(99, 10, 20);
        features.position(1);
        byte[] labels = {1, 0};
        UnsignedByteDataset d = new UnsignedByteDataset(features, Shape.of(1), 1, ByteBuffer.wrap(labels), 2);
        float[] x = new float[1];
        d.copyFeatures(1, x, 0);
        assertEquals(20f, x[0]);
        assertEquals(1, d.label(0));
    }

    @Test
    void rejectsSizesThatDisagreeAndLabelsOutsideTheClasses() {
        String partial = assertThrows(IllegalArgumentException.class,
                () -> new UnsignedByteDataset(bytes(1, 2, 3), Shape.of(2), 1, bytes(0), 2)).getMessage();
        assertTrue(partial.contains("3 feature bytes") && partial.contains("[2]"), partial);
        String labels = assertThrows(IllegalArgumentException.class,
                () -> new UnsignedByteDataset(bytes(1, 2), Shape.of(1), 1, bytes(0), 2)).getMessage();
        assertTrue(labels.contains("need 2 labels, got 1"), labels);
        String big = assertThrows(IllegalArgumentException.class,
                () -> new UnsignedByteDataset(bytes(1, 2), Shape.of(1), 1, bytes(0, 250), 10)).getMessage();
        assertTrue(big.contains("label 1 is 250"), big);
    }
}
