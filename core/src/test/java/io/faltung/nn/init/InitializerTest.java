package io.faltung.nn.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import org.junit.jupiter.api.Test;

class InitializerTest {

    @Test
    void fansFollowThePyTorchLayout() {
        assertEquals(new Fans(30, 20), Fans.of(Shape.of(20, 30)));
        assertEquals(new Fans(3 * 25, 8 * 25), Fans.of(Shape.of(8, 3, 5, 5)));
        assertEquals(new Fans(7, 7), Fans.of(Shape.of(7)));
        assertEquals(new Fans(1, 1), Fans.of(Shape.scalar()));
    }

    @Test
    void uniformInitialisersStayInsideTheirLimitWithTheRightVariance() {
        Shape shape = Shape.of(40, 60);
        check(Initializer.glorotUniform(), shape, Math.sqrt(6.0 / 100), 2.0 / 100);
        check(Initializer.heUniform(), shape, Math.sqrt(6.0 / 60), 2.0 / 60);
    }

    @Test
    void normalInitialisersHaveTheRightVariance() {
        Shape shape = Shape.of(40, 60);
        check(Initializer.glorotNormal(), shape, Double.POSITIVE_INFINITY, 2.0 / 100);
        check(Initializer.heNormal(), shape, Double.POSITIVE_INFINITY, 2.0 / 60);
    }

    private static void check(Initializer init, Shape shape, double limit, double variance) {
        double[] w = init.create(shape, new RandomStream(1)).toDoubleArray();
        double sum = 0;
        double squares = 0;
        for (double v : w) {
            assertTrue(Math.abs(v) <= limit, init + ": " + v + " beyond " + limit);
            sum += v;
            squares += v * v;
        }
        double mean = sum / w.length;
        assertEquals(0, mean, 4 * Math.sqrt(variance / w.length), init + " mean");
        assertEquals(variance, squares / w.length - mean * mean, 0.1 * variance, init + " variance");
    }

    @Test
    void theSameStreamPositionGivesTheSameValues() {
        RandomStream a = new RandomStream(42);
        RandomStream b = new RandomStream(42);
        assertArrayEquals(Initializer.heNormal().create(Shape.of(3, 3), a).toFloatArray(),
                Initializer.heNormal().create(Shape.of(3, 3), b).toFloatArray());
        assertEquals(9, a.position());
    }

    @Test
    void constantsDrawNothing() {
        RandomStream r = new RandomStream(0);
        assertArrayEquals(new float[] {0, 0}, Initializer.zeros().create(Shape.of(2), r).toFloatArray());
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, Initializer.constant(0.5).create(Shape.of(3), r).toFloatArray());
        assertEquals(0, r.position());
        assertEquals("glorot_uniform", Initializer.glorotUniform().toString());
    }
}
