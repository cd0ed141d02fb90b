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
    RANDOM,
    /** {@link Backend#convForward}. */
    CONV_FORWARD,
    /** {@link Backend#convBackwardData}. */
    CONV_BACKWARD_DATA,
    /** {@link Backend#convBackwardFilter}. */
    CONV_BACKWARD_FILTER,
    /** {@link Backend#poolForward}. */
    POOL_FORWARD,
    /** {@link Backend#poolBackward}. */
    POOL_BACKWARD,
    /** {@link Backend#lstmCellForward}. */
    LSTM_CELL_FORWARD,
    /** {@link Backend#lstmCellBackward}. */
    LSTM_CELL_BACKWARD,
    /** {@link Backend#gruCellForward}. */
    GRU_CELL_FORWARD,
    /** {@link Backend#gruCellBackward}. */
    GRU_CELL_BACKWARD
}
