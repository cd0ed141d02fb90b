package io.faltung.backend.cpu.kernels;

import io.faltung.spi.Operand;
import io.faltung.spi.Scalar;

/**
 * Moves strided rows between the typed heap arrays and {@code double} scratch rows, converting
 * element types on the way. The generic (any dtype, any stride) path of every elementwise kernel
 * gathers its inputs here, computes in double precision (the definition in the SPI enums) and
 * scatters the result back, one block of at most {@link #BLOCK} elements at a time.
 */
final class Rows {
    /** Elements per scratch block: small enough for L1, long enough to amortise the dispatch. */
    static final int BLOCK = 512;

    private Rows() {
    }

    /** Reads {@code n} elements of {@code array} at {@code base + i·stride} into {@code dst[0..n)}. */
    static void load(Object array, int base, int stride, double[] dst, int n) {
        if (array instanceof float[] f) {
            for (int i = 0; i < n; i++) {
                dst[i] = f[base + i * stride];
            }
        } else if (array instanceof double[] d) {
            for (int i = 0; i < n; i++) {
                dst[i] = d[base + i * stride];
            }
        } else {
            int[] v = (int[]) array;
            for (int i = 0; i < n; i++) {
                dst[i] = v[base + i * stride];
            }
        }
    }

    /** Writes {@code src[0..n)} to {@code array} at {@code base + i·stride}, converting to its type. */
    static void store(double[] src, Object array, int base, int stride, int n) {
        if (array instanceof float[] f) {
            for (int i = 0; i < n; i++) {
                f[base + i * stride] = (float) src[i];
            }
        } else if (array instanceof double[] d) {
            for (int i = 0; i < n; i++) {
                d[base + i * stride] = src[i];
            }
        } else {
            int[] v = (int[]) array;
            for (int i = 0; i < n; i++) {
                v[base + i * stride] = toInt(src[i]);
            }
        }
    }

    /** One element as a double. */
    static double get(Object array, int index) {
        if (array instanceof float[] f) {
            return f[index];
        } else if (array instanceof double[] d) {
            return d[index];
        }
        return ((int[]) array)[index];
    }

    /** Stores one element, converting to the array's type. */
    static void set(Object array, int index, double value) {
        if (array instanceof float[] f) {
            f[index] = (float) value;
        } else if (array instanceof double[] d) {
            d[index] = value;
        } else {
            ((int[]) array)[index] = toInt(value);
        }
    }

    /** Conversion to INT32: rounds toward zero, saturates, NaN becomes 0 (Java's cast). */
    static int toInt(double value) {
        return (int) value;
    }

    /** The value of a scalar operand rounded to the output's dtype, so all paths agree bit for bit. */
    static double scalarIn(Scalar s, Object outArray) {
        if (outArray instanceof float[]) {
            return (float) s.value();
        } else if (outArray instanceof int[]) {
            return toInt(s.value());
        }
        return s.value();
    }
}
