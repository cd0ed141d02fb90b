package io.faltung.spi;

/** An input of an elementwise primitive: a strided {@link View} or a {@link Scalar} constant. */
public sealed interface Operand permits View, Scalar {
}
