package io.faltung.nn.init;

import io.faltung.tensor.Shape;

/**
 * Fan-in and fan-out of a weight in PyTorch layout ({@code [out, in, …kernel]}): the kernel extents
 * multiply both; a rank-1 shape {@code [n]} has fan-in = fan-out = n, a scalar 1 and 1.
 *
 * @param in  inputs feeding each output unit
 * @param out outputs each input feeds
 */
public record Fans(long in, long out) {
    /** The fans of a weight shaped {@code shape}. */
    public static Fans of(Shape shape) {
        if (shape.rank() == 0) {
            return new Fans(1, 1);
        }
        if (shape.rank() == 1) {
            return new Fans(shape.dim(0), shape.dim(0));
        }
        long receptive = shape.size() / ((long) shape.dim(0) * shape.dim(1));
        return new Fans(shape.dim(1) * receptive, shape.dim(0) * receptive);
    }
}
