package io.faltung.ops;

import io.faltung.autograd.Autograd;
import io.faltung.spi.BinaryOp;
import io.faltung.spi.Scalar;
import io.faltung.spi.UnaryOp;
import io.faltung.spi.View;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * Forward and backward of the elementwise primitives (SPI {@code unary}, {@code binary},
 * {@code where}). Binary operations broadcast; their gradients are summed back to each input's
 * shape.
 */
public final class Elementwise {
    private Elementwise() {
    }

    /** {@code op(x)} elementwise. */
    public static Tensor unary(UnaryOp op, Tensor x) {
        Tensor out = Tensor.empty(x.backend(), x.dtype(), x.shape());
        x.backend().unary(op, x.view(), out.view());
        return Autograd.record(out, name(op), g -> new Tensor[] {unaryGrad(op, x, out, g)}, x);
    }

    private static Tensor unaryGrad(UnaryOp op, Tensor x, Tensor out, Tensor g) {
        return switch (op) {
            case NEG -> g.neg();
            case ABS -> g.mul(x.sign());
            case SIGN -> null;
            case EXP -> g.mul(out);
            case LOG -> g.div(x);
            case SQRT -> g.mul(0.5).div(out);
            case RECIPROCAL -> g.mul(out.square()).neg();
            case TANH -> g.mul(out.square().rsub(1));
            case SIGMOID -> g.mul(out.mul(out.rsub(1)));
            case RELU -> masked(out, g, true); // out != 0 exactly where x > 0: one pass, no mask tensor
            case SIN -> g.mul(x.cos());
            case COS -> g.mul(x.sin()).neg();
        };
    }

    /** {@code op(a, b)} elementwise with broadcasting. */
    public static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        checkCompatible(op, a, b);
        Shape shape = Shape.broadcast(a.shape(), b.shape());
        Tensor out = Tensor.empty(a.backend(), a.dtype(), shape);
        a.backend().binary(op, a.broadcastView(shape), b.broadcastView(shape), out.view());
        if (isComparison(op)) {
            return out;
        }
        return Autograd.record(out, name(op), g -> binaryGrads(op, a, b, out, g), a, b);
    }

    private static Tensor[] binaryGrads(BinaryOp op, Tensor a, Tensor b, Tensor out, Tensor g) {
        boolean ga = a.requiresGrad();
        boolean gb = b.requiresGrad();
        Tensor da = null;
        Tensor db = null;
        switch (op) {
            case ADD -> {
                da = g;
                db = g;
            }
            case SUB -> {
                da = g;
                db = gb ? g.neg() : null;
            }
            case MUL -> {
                da = ga ? g.mul(b) : null;
                db = gb ? g.mul(a) : null;
            }
            case DIV -> {
                da = ga ? g.div(b) : null;
                db = gb ? g.mul(out).div(b).neg() : null;
            }
            case POW -> {
                da = ga ? g.mul(b).mul(a.pow(b.sub(1))) : null;
                db = gb ? g.mul(out).mul(a.log()) : null;
            }
            case MAX, MIN -> {
                Tensor pickA = op == BinaryOp.MAX ? a.ge(b) : b.ge(a);
                da = ga ? g.mul(pickA) : null;
                db = gb ? g.mul(pickA.rsub(1)) : null;
            }
            default -> throw new IllegalStateException("no gradient for " + op);
        }
        return new Tensor[] {
            da == null ? null : Reductions.sumTo(da, a.shape()),
            db == null ? null : Reductions.sumTo(db, b.shape())
        };
    }

    /** {@code op(a, c)} with a constant {@code c}. */
    public static Tensor binaryScalar(BinaryOp op, Tensor a, double c) {
        Tensor out = Tensor.empty(a.backend(), a.dtype(), a.shape());
        a.backend().binary(op, a.view(), new Scalar(c), out.view());
        if (isComparison(op)) {
            return out;
        }
        return Autograd.record(out, name(op), g -> new Tensor[] {scalarGrad(op, a, c, g)}, a);
    }

    private static Tensor scalarGrad(BinaryOp op, Tensor a, double c, Tensor g) {
        return switch (op) {
            case ADD, SUB -> g;
            case MUL -> g.mul(c);
            case DIV -> g.div(c);
            case POW -> g.mul(a.pow(c - 1).mul(c));
            case MAX -> g.mul(a.ge(c));
            case MIN -> g.mul(a.gt(c).rsub(1));
            default -> throw new IllegalStateException("no gradient for " + op);
        };
    }

    /**
     * {@code target ← op(target, o)} in place, {@code o} broadcast to the target's shape; not recorded.
     * An {@code o} that shares the target's memory in another layout is copied first (the SPI lets an
     * output alias an input only as the identical view).
     */
    public static Tensor binaryInPlace(BinaryOp op, Tensor target, Tensor o) {
        checkCompatible(op, target, o);
        View out = writable(op, target);
        View other = o.broadcastView(target.shape());
        if (o.sharesStorageWith(target) && !other.equals(out)) {
            try (Tensor copy = Tensor.empty(o.backend(), o.dtype(), o.shape())) {
                copy.assign(o);
                target.backend().binary(op, out, copy.broadcastView(target.shape()), out);
            }
            return target;
        }
        target.backend().binary(op, out, other, out);
        return target;
    }

    /** {@code target ← op(target, c)} in place; not recorded. */
    public static Tensor binaryInPlace(BinaryOp op, Tensor target, double c) {
        View out = writable(op, target);
        target.backend().binary(op, out, new Scalar(c), out);
        return target;
    }

    /** The target's view, refused when several of its elements share one memory location (a broadcast view). */
    private static View writable(BinaryOp op, Tensor target) {
        int[] strides = target.strides();
        for (int k = 0; k < strides.length; k++) {
            if (strides[k] == 0 && target.shape().dim(k) > 1) {
                throw new IllegalArgumentException("in-place " + name(op) + " on a broadcast view " + target.shape()
                        + " with strides " + Arrays.toString(strides) + ": several elements share one memory location;"
                        + " make it contiguous() first");
            }
        }
        return target.view();
    }

    /** {@code op(c, b)} with a constant first operand; SUB, DIV and POW. */
    public static Tensor scalarBinary(BinaryOp op, double c, Tensor b) {
        if (op != BinaryOp.SUB && op != BinaryOp.DIV && op != BinaryOp.POW) {
            throw new IllegalArgumentException("scalarBinary supports SUB, DIV and POW, not " + op);
        }
        Tensor out = Tensor.empty(b.backend(), b.dtype(), b.shape());
        b.backend().binary(op, new Scalar(c), b.view(), out.view());
        return Autograd.record(out, "r" + name(op), g -> new Tensor[] {
            switch (op) {
                case SUB -> g.neg();
                case DIV -> g.mul(out).div(b).neg();
                default -> g.mul(out).mul(Math.log(c));
            }
        }, b);
    }

    /** {@code cond != 0 ? a : b}, broadcasting all three; differentiable in {@code a} and {@code b}. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        checkCompatible(BinaryOp.ADD, a, b);
        if (cond.backend() != a.backend()) {
            throw new IllegalArgumentException("where: condition lives on " + cond.backend().name() + ", values on "
                    + a.backend().name());
        }
        Shape shape = Shape.broadcast(Shape.broadcast(cond.shape(), a.shape()), b.shape());
        Tensor out = Tensor.empty(a.backend(), a.dtype(), shape);
        a.backend().where(cond.broadcastView(shape), a.broadcastView(shape), b.broadcastView(shape), out.view());
        return Autograd.record(out, "where", g -> new Tensor[] {
            null,
            a.requiresGrad() ? Reductions.sumTo(masked(cond, g, true), a.shape()) : null,
            b.requiresGrad() ? Reductions.sumTo(masked(cond, g, false), b.shape()) : null
        }, cond, a, b);
    }

    private static Tensor masked(Tensor cond, Tensor g, boolean keepWhereTrue) {
        Tensor out = Tensor.empty(g.backend(), g.dtype(), g.shape());
        Scalar zero = new Scalar(0);
        if (keepWhereTrue) {
            g.backend().where(cond.broadcastView(g.shape()), g.view(), zero, out.view());
        } else {
            g.backend().where(cond.broadcastView(g.shape()), zero, g.view(), out.view());
        }
        return out;
    }

    static void checkCompatible(Object op, Tensor a, Tensor b) {
        if (a.backend() != b.backend()) {
            throw new IllegalArgumentException(op + ": operands live on different backends (" + a.backend().name()
                    + " and " + b.backend().name() + ")");
        }
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": operand dtypes differ (" + a.dtype() + " " + a.shape() + " and "
                    + b.dtype() + " " + b.shape() + "); convert one with to(DType)");
        }
    }

    private static boolean isComparison(BinaryOp op) {
        return op == BinaryOp.GT || op == BinaryOp.GE || op == BinaryOp.EQ;
    }

    private static String name(Enum<?> op) {
        return op.name().toLowerCase(Locale.ROOT);
    }
}
