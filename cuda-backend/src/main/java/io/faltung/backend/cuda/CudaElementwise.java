package io.faltung.backend.cuda;

import io.faltung.backend.cuda.library.KernelArgs;
import io.faltung.backend.cuda.library.Kernels;
import io.faltung.spi.BinaryOp;
import io.faltung.spi.Operand;
import io.faltung.spi.Scalar;
import io.faltung.spi.UnaryOp;
import io.faltung.spi.View;
import java.util.ArrayList;
import java.util.List;

/**
 * COPY, FILL, UNARY, BINARY and WHERE on the GPU ({@code native/kernels/elementwise.cu} and
 * {@code copy_strided.cu}). Views of any strides reach the kernels after {@link StridedLayout#merge};
 * scalar operands travel as kernel arguments.
 */
final class CudaElementwise {
    private final CudaContext ctx;

    CudaElementwise(CudaContext ctx) {
        this.ctx = ctx;
    }

    /** Kernel code of {@code op} (the enum in elementwise.cu). */
    static int code(UnaryOp op) {
        return switch (op) {
            case NEG -> 0;
            case ABS -> 1;
            case SIGN -> 2;
            case EXP -> 3;
            case LOG -> 4;
            case SQRT -> 5;
            case RECIPROCAL -> 6;
            case TANH -> 7;
            case SIGMOID -> 8;
            case RELU -> 9;
            case SIN -> 10;
            case COS -> 11;
        };
    }

    /** Kernel code of {@code op} (the enum in elementwise.cu). */
    static int code(BinaryOp op) {
        return switch (op) {
            case ADD -> 0;
            case SUB -> 1;
            case MUL -> 2;
            case DIV -> 3;
            case POW -> 4;
            case MAX -> 5;
            case MIN -> 6;
            case GT -> 7;
            case GE -> 8;
            case EQ -> 9;
        };
    }

    void copy(View src, View dst) {
        ViewChecks.sameShape("copy", "source", src, dst);
        ViewChecks.writable("copy", dst);
        StridedLayout.Merged m = StridedLayout.merge("copy", src, dst);
        KernelArgs args = new KernelArgs().i64(m.size());
        view(args, src, m, 0);
        view(args, dst, m, 1);
        ctx.kernels.launch("copy_" + Kernels.suffix(src.dtype()) + "_" + Kernels.suffix(dst.dtype()), m.size(), args);
    }

    void fill(View dst, double value) {
        ViewChecks.writable("fill", dst);
        StridedLayout.Merged m = StridedLayout.merge("fill", dst);
        KernelArgs args = new KernelArgs().i64(m.size()).f64(value);
        view(args, dst, m, 0);
        ctx.kernels.launch("fill_" + Kernels.suffix(dst.dtype()), m.size(), args);
    }

    void unary(UnaryOp op, View x, View out) {
        String name = "unary " + op;
        ViewChecks.sameShape(name, "input", x, out);
        ViewChecks.dtype(name, "input", x, out.dtype());
        ViewChecks.writable(name, out);
        StridedLayout.Merged m = StridedLayout.merge(name, x, out);
        KernelArgs args = new KernelArgs().i32(code(op)).i64(m.size());
        view(args, x, m, 0);
        view(args, out, m, 1);
        ctx.kernels.launch("unary_" + Kernels.suffix(out.dtype()), m.size(), args);
    }

    void binary(BinaryOp op, Operand a, Operand b, View out) {
        String name = "binary " + op;
        StridedLayout.Merged m = mergeOperands(name, out, a, b);
        KernelArgs args = new KernelArgs().i32(code(op)).i64(m.size());
        int next = operand(args, a, m, 1);
        next = operand(args, b, m, next);
        view(args, out, m, 0);
        ctx.kernels.launch("binary_" + Kernels.suffix(out.dtype()), m.size(), args);
    }

    void where(View cond, Operand a, Operand b, View out) {
        ViewChecks.sameShape("where", "cond", cond, out);
        StridedLayout.Merged m = mergeOperands("where", out, cond, a, b);
        KernelArgs args = new KernelArgs().i64(m.size());
        view(args, cond, m, 1);
        int next = operand(args, a, m, 2);
        next = operand(args, b, m, next);
        view(args, out, m, 0);
        ctx.kernels.launch("where_" + Kernels.suffix(cond.dtype()) + "_" + Kernels.suffix(out.dtype()), m.size(), args);
    }

    /**
     * Checks the operands of an elementwise op writing {@code out} and merges out (view 0) with every
     * operand that is a view, in order. The first operand of {@code where} (cond) may have any dtype;
     * all other views must have the output's.
     */
    private StridedLayout.Merged mergeOperands(String name, View out, Operand... operands) {
        ViewChecks.writable(name, out);
        List<int[]> strides = new ArrayList<>();
        strides.add(out.strides());
        boolean anyDtype = name.equals("where");
        for (int i = 0; i < operands.length; i++) {
            if (operands[i] instanceof View v) {
                String label = anyDtype ? (i == 0 ? "cond" : i == 1 ? "a" : "b") : (i == 0 ? "a" : "b");
                ViewChecks.sameShape(name, label, v, out);
                if (!(anyDtype && i == 0)) {
                    ViewChecks.dtype(name, label, v, out.dtype());
                }
                strides.add(v.strides());
            } else if (!(operands[i] instanceof Scalar)) {
                throw new IllegalArgumentException(name + ": operand " + i + " is null");
            }
        }
        return StridedLayout.merge(name, out.shape(), strides.toArray(new int[0][]));
    }

    /** Appends a view or scalar operand (pointer, struct, scalar); returns the next merged-view index. */
    private int operand(KernelArgs args, Operand o, StridedLayout.Merged m, int index) {
        if (o instanceof View v) {
            view(args, v, m, index);
            args.f64(0);
            return index + 1;
        }
        args.nullPtr().strided(new int[StridedLayout.INTS]).f64(((Scalar) o).value());
        return index;
    }

    /** Appends a view's buffer pointer and packed struct (merged view {@code index}). */
    private void view(KernelArgs args, View v, StridedLayout.Merged m, int index) {
        args.ptr(ctx.buffer(v).base()).strided(StridedLayout.pack(m, index, v.offset()));
    }
}
