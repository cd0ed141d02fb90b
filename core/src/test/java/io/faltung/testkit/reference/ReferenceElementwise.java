package io.faltung.testkit.reference;

import io.faltung.spi.BinaryOp;
import io.faltung.spi.Operand;
import io.faltung.spi.UnaryOp;
import io.faltung.spi.View;

/** Reference kernels for COPY, FILL, UNARY, BINARY and WHERE: one double-precision loop each. */
public final class ReferenceElementwise {
    private ReferenceElementwise() {
    }

    /** Strided copy; the dtype conversion is the store rounding of {@link ReferenceBuffer#set}. */
    public static void copy(View src, View dst) {
        Elements.requireSameShape("copy", "source", src, dst);
        Elements.write("copy", dst, Elements.read(src));
    }

    /** Sets every element of {@code dst} to {@code value}. */
    public static void fill(View dst, double value) {
        double[] values = new double[Math.toIntExact(dst.size())];
        java.util.Arrays.fill(values, value);
        Elements.write("fill", dst, values);
    }

    /** {@code out = op(x)}. */
    public static void unary(UnaryOp op, View x, View out) {
        String name = "unary " + op;
        double[] values = Elements.readOperand(name, "input", x, out);
        for (int i = 0; i < values.length; i++) {
            values[i] = op.apply(values[i]);
        }
        Elements.write(name, out, values);
    }

    /** {@code out = op(a, b)}. */
    public static void binary(BinaryOp op, Operand a, Operand b, View out) {
        String name = "binary " + op;
        double[] left = Elements.readOperand(name, "a", a, out);
        double[] right = Elements.readOperand(name, "b", b, out);
        double[] values = new double[left.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = op.apply(left[i], right[i]);
        }
        Elements.write(name, out, values);
    }

    /** {@code out = cond != 0 ? a : b}; {@code cond} may have any dtype (NaN counts as non-zero). */
    public static void where(View cond, Operand a, Operand b, View out) {
        Elements.requireSameShape("where", "cond", cond, out);
        double[] c = Elements.read(cond);
        double[] left = Elements.readOperand("where", "a", a, out);
        double[] right = Elements.readOperand("where", "b", b, out);
        double[] values = new double[c.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = c[i] != 0 ? left[i] : right[i];
        }
        Elements.write("where", out, values);
    }
}
