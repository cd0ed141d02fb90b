package io.faltung.spi;

/**
 * A constant operand, broadcast to every element of the output. Avoids allocating one-element
 * buffers for expressions such as {@code x * 0.5}. The value is converted to the output's dtype.
 */
public record Scalar(double value) implements Operand {
}
