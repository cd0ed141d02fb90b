package io.faltung.spi;

/** Element types a {@link Buffer} can hold. FLOAT32 is supported everywhere; FLOAT64 at least on the CPU. */
public enum DType {
    /** IEEE-754 single precision: the training type on every backend. */
    FLOAT32(4),
    /** IEEE-754 double precision: gradient checks and signal processing on the CPU backend. */
    FLOAT64(8),
    /** 32-bit signed integers: indices such as the output of {@code argMax}. Not differentiable. */
    INT32(4);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** Whether this is a floating-point type. */
    public boolean isFloatingPoint() {
        return this != INT32;
    }
}
