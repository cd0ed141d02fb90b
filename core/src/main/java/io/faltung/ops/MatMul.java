package io.faltung.ops;

import io.faltung.autograd.Autograd;
import io.faltung.spi.GemmSpec;
import io.faltung.spi.View;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/**
 * Forward and backward of the SPI {@code gemm} primitive as a matrix product of the last two axes.
 *
 * <p>Operands are rank 2 ({@code [M, K]}) or rank 3 ({@code [B, M, K]}); a rank-2 operand or a batch
 * extent of 1 is broadcast over the batch. Transposed views are passed to the backend with its
 * transpose flags instead of being copied. Backward: {@code dA = dC·Bᵀ}, {@code dB = Aᵀ·dC}, each
 * summed over a broadcast batch.
 */
public final class MatMul {
    private MatMul() {
    }

    /** {@code a · b}. */
    public static Tensor matmul(Tensor a, Tensor b) {
        Elementwise.checkCompatible("matmul", a, b);
        if (a.rank() < 2 || a.rank() > 3 || b.rank() < 2 || b.rank() > 3) {
            throw new IllegalArgumentException("matmul takes rank-2 or rank-3 operands, not " + a.shape() + " · "
                    + b.shape());
        }
        int m = a.shape().dim(-2);
        int k = a.shape().dim(-1);
        int n = b.shape().dim(-1);
        if (b.shape().dim(-2) != k) {
            throw new IllegalArgumentException("matmul " + a.shape() + " · " + b.shape() + ": inner extents " + k
                    + " and " + b.shape().dim(-2) + " differ");
        }
        int batchA = a.rank() == 3 ? a.shape().dim(0) : 1;
        int batchB = b.rank() == 3 ? b.shape().dim(0) : 1;
        if (batchA != batchB && batchA != 1 && batchB != 1) {
            throw new IllegalArgumentException("matmul " + a.shape() + " · " + b.shape() + ": batch extents differ");
        }
        boolean batched = a.rank() == 3 || b.rank() == 3;
        int batch = Math.max(batchA, batchB);
        Shape outShape = batched ? Shape.of(batch, m, n) : Shape.of(m, n);
        Tensor out = Tensor.empty(a.backend(), a.dtype(), outShape);
        Operand oa = operand(a, batched, batch);
        Operand ob = operand(b, batched, batch);
        View c = out.view();
        a.backend().gemm(GemmSpec.of(oa.transposed, ob.transposed), oa.view, ob.view, c);
        return Autograd.record(out, "matmul", g -> new Tensor[] {
            a.requiresGrad() ? Reductions.sumTo(columnMajor(a) ? b.matmul(g.transpose()).transpose()
                    : g.matmul(b.transpose()), a.shape()) : null,
            b.requiresGrad() ? Reductions.sumTo(columnMajor(b) ? g.transpose().matmul(a).transpose()
                    : a.transpose().matmul(g), b.shape()) : null
        }, a, b);
    }

    /**
     * Whether {@code t} is a transposed view of a row-major matrix (a weight used as {@code w.transpose()}).
     * Its gradient is then computed transposed, {@code (gᵀ·a)ᵀ} instead of {@code aᵀ·g}: the same
     * numbers, but the transpose's backward turns it back into a row-major gradient, so summing it
     * over many uses (the steps of a recurrent layer) runs on dense rows rather than strided ones.
     */
    private static boolean columnMajor(Tensor t) {
        int[] s = t.strides();
        int r = t.rank();
        return s[r - 1] != 1 && s[r - 2] == 1 && t.shape().dim(-1) > 1 && t.shape().dim(-2) > 1;
    }

    private record Operand(View view, boolean transposed) {
    }

    /**
     * A view the backend can read as a (transposed) row-major matrix: unit stride on the last axis,
     * or on the second-to-last (then flagged as transposed), else a contiguous copy.
     */
    private static Operand operand(Tensor t, boolean batched, int batch) {
        Tensor src = t;
        int[] s = src.strides();
        int r = src.rank();
        boolean rowMajor = s[r - 1] == 1 || src.shape().dim(-1) == 1;
        boolean colMajor = !rowMajor && (s[r - 2] == 1 || src.shape().dim(-2) == 1);
        if (!rowMajor && !colMajor) {
            src = src.contiguous();
            rowMajor = true;
        }
        View v = src.view();
        if (colMajor) {
            v = swapLastTwo(v);
        }
        if (batched) {
            v = withBatch(v, batch);
        }
        return new Operand(v, colMajor);
    }

    private static View swapLastTwo(View v) {
        int r = v.rank();
        int[] shape = v.shape().clone();
        int[] strides = v.strides().clone();
        int t = shape[r - 1];
        shape[r - 1] = shape[r - 2];
        shape[r - 2] = t;
        t = strides[r - 1];
        strides[r - 1] = strides[r - 2];
        strides[r - 2] = t;
        return new View(v.buffer(), shape, strides, v.offset());
    }

    private static View withBatch(View v, int batch) {
        if (v.rank() == 3) {
            if (v.shape()[0] == batch) {
                return v;
            }
            return new View(v.buffer(), new int[] {batch, v.shape()[1], v.shape()[2]},
                    new int[] {0, v.strides()[1], v.strides()[2]}, v.offset());
        }
        return new View(v.buffer(), new int[] {batch, v.shape()[0], v.shape()[1]},
                new int[] {0, v.strides()[0], v.strides()[1]}, v.offset());
    }
}
