package io.faltung.spi;

/**
 * The closed list of {@link Backend} operations. Every constant has cases in the parity catalogue
 * (a test fails when one has none), a float64 reference kernel and, where differentiable, a
 * gradient rule in {@code io.faltung.ops}.
 */
public enum PrimitiveOp {
    /** {@link Backend#copy}: strided to strided, converting dtypes. */
    COPY,
    /** {@link Backend#fill}. */
    FILL,
    /** {@link Backend#unary}. */
    UNARY,
    /** {@link Backend#binary}. */
    BINARY,
    /** {@link Backend#where}. */
    WHERE,
    /** {@link Backend#reduce}. */
    REDUCE,
    /** {@link Backend#argMax}. */
    ARG_MAX,
    /** {@link Backend#gemm}. */
    GEMM,
    /** {@link Backend#random}. */
    RANDOM
}
