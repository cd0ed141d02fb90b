package io.faltung.examples;

import io.faltung.nn.Conv2D;
import io.faltung.nn.Padding;
import io.faltung.nn.init.Initializer;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.io.IOException;
import java.util.Arrays;

/**
 * A 3×3 averaging kernel (every weight 1/9) slid over a 6×6 image with a {@link Conv2D} layer:
 * without padding the result is 4×4 (first row 5, 5.78, 7, 6.44); with {@code same} zero padding
 * it keeps 6×6, and its border averages count the zeros.
 */
final class FilterImageExample implements Example {
    static final float[] IMAGE = {
        4, 1, 2, 9, 8, 6,
        9, 5, 9, 5, 8, 5,
        1, 5, 9, 7, 6, 4,
        2, 9, 8, 3, 7, 1,
        8, 1, 6, 4, 2, 2,
        1, 0, 5, 7, 8, 2};
    private static final int SIDE = 6;

    @Override
    public String name() {
        return "filter-image";
    }

    @Override
    public String description() {
        return "3x3 averaging kernel over a 6x6 image: 4x4 without padding (first row 5, 5.78, 7, 6.44), 6x6 with";
    }

    @Override
    public void run(Run run) throws IOException {
        float[] valid = filter(Padding.VALID, 4);
        float[] same = filter(Padding.SAME, SIDE);
        System.out.println("image:");
        print(IMAGE, SIDE);
        System.out.println("3x3 mean, valid (no padding): 4x4");
        print(valid, 4);
        System.out.println("3x3 mean, same (zero padding): 6x6");
        print(same, SIDE);
        run.metrics().put("valid_output", Plot.doubles(valid)).put("valid_shape", "[4, 4]")
                .put("same_output", Plot.doubles(same)).put("same_shape", "[6, 6]");
    }

    private static float[] filter(Padding padding, int expectedSide) {
        try (Conv2D mean = new Conv2D(1, 3).padding(padding).bias(false).weightInit(Initializer.constant(1.0 / 9));
             Scope scope = Scope.open()) {
            Shape out = mean.build(Shape.of(1, SIDE, SIDE));
            if (!out.equals(Shape.of(1, expectedSide, expectedSide))) {
                throw new IllegalStateException(mean + " gives " + out + ", expected " + expectedSide + "x" + expectedSide);
            }
            return mean.forward(Tensor.of(IMAGE, 1, 1, SIDE, SIDE), false).toFloatArray();
        }
    }

    private static void print(float[] values, int side) {
        for (int r = 0; r < side; r++) {
            StringBuilder sb = new StringBuilder("  ");
            for (float v : Arrays.copyOfRange(values, r * side, (r + 1) * side)) {
                sb.append(String.format("%6.2f", v));
            }
            System.out.println(sb);
        }
    }
}
