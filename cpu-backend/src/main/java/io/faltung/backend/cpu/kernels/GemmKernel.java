package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.CpuBuffer;
import io.faltung.backend.cpu.Parallel;
import io.faltung.spi.DType;
import io.faltung.spi.GemmSpec;
import io.faltung.spi.View;

import java.util.Arrays;

/**
 * GEMM: {@code C = alpha · op(A) · op(B) + beta · C} over rank-2 or rank-3 (batched) views with any
 * strides; a batch extent of 1 broadcasts an operand (a rank-2 operand counts as batch 1).
 *
 * <p>This file only checks the operands and reduces every case to one form: each operand becomes a
 * {@link GemmOperand} addressing {@code op(X)[i][j]} through a row and a column stride, so transposes
 * cost nothing here. {@code beta} is applied to {@code C} first (with {@code beta == 0} C is
 * overwritten, NaN included), then the product is accumulated by the dtype's kernel.
 */
public final class GemmKernel {
    private GemmKernel() {
    }

    /** Computes {@code C = alpha · op(A) · op(B) + beta · C}. */
    public static void run(Parallel pool, GemmSpec spec, View a, View b, View c) {
        if (c.dtype() == DType.INT32) {
            throw new IllegalArgumentException("gemm supports FLOAT32 and FLOAT64, got " + c);
        }
        Dtypes.requireSame("gemm", c, a, b);
        for (View v : new View[] {a, b, c}) {
            if (v.rank() != 2 && v.rank() != 3) {
                throw new IllegalArgumentException("gemm operands must be rank 2 or 3, got " + v);
            }
        }
        int batch = c.rank() == 3 ? c.shape()[0] : 1;
        GemmOperand ma = GemmOperand.of("A", a, spec.transposeA(), batch, c);
        GemmOperand mb = GemmOperand.of("B", b, spec.transposeB(), batch, c);
        GemmOperand mc = GemmOperand.of("C", c, false, batch, c);
        int m = ma.rows();
        int k = ma.cols();
        int n = mb.cols();
        if (mb.rows() != k || mc.rows() != m || mc.cols() != n) {
            throw new IllegalArgumentException("gemm" + (spec.transposeA() ? " A^T" : " A") + (spec.transposeB() ? " B^T" : " B")
                    + ": op(A) is " + m + "x" + k + ", op(B) is " + mb.rows() + "x" + n + ", C is " + mc.rows() + "x"
                    + mc.cols() + " (A " + Arrays.toString(a.shape()) + ", B " + Arrays.toString(b.shape())
                    + ", C " + Arrays.toString(c.shape()) + ")");
        }
        scale(pool, c, spec.beta());
        if (spec.alpha() == 0 || k == 0 || m == 0 || n == 0) {
            return;
        }
        if (c.dtype() == DType.FLOAT32) {
            Sgemm.multiply(pool, (float) spec.alpha(), ma, mb, mc, batch, m, n, k);
        } else {
            Dgemm.multiply(pool, spec.alpha(), ma, mb, mc, batch, m, n, k);
        }
    }

    /**
     * {@code C += op(A) · op(B)} for one product on raw arrays ({@code float[]} or {@code double[]},
     * all alike), as the convolution kernels use it: on the calling thread when {@code pool} is null,
     * else split over the pool.
     */
    static void multiplyAdd(Parallel pool, GemmOperand a, GemmOperand b, GemmOperand c) {
        if (c.array() instanceof float[]) {
            Sgemm.multiply(pool, 1f, a, b, c, 1, c.rows(), c.cols(), a.cols());
        } else {
            Dgemm.multiply(pool, 1.0, a, b, c, 1, c.rows(), c.cols(), a.cols());
        }
    }

    /** {@code C = beta · C}; {@code beta == 0} writes zeros without reading C. */
    private static void scale(Parallel pool, View c, double beta) {
        if (beta == 0) {
            FillKernel.run(pool, c, 0);
        } else if (beta != 1) {
            BinaryKernel.run(pool, io.faltung.spi.BinaryOp.MUL, c, new io.faltung.spi.Scalar(beta), c);
        }
    }

    /** Addressing of one operand: {@code op(X)[batch][i][j] = array[offset + batch·bs + i·rs + j·cs]}. */
    record GemmOperand(Object array, int offset, int batchStride, int rowStride, int colStride, int rows, int cols) {
        static GemmOperand of(String role, View v, boolean transpose, int batch, View c) {
            int r = v.rank();
            int vb = r == 3 ? v.shape()[0] : 1;
            if (vb != batch && vb != 1) {
                throw new IllegalArgumentException("gemm: " + role + " has batch " + vb + " but C has batch " + batch
                        + " (only 1 broadcasts)");
            }
            int bs = r == 3 && vb != 1 ? v.strides()[0] : 0;
            int rs = v.strides()[r - 2];
            int cs = v.strides()[r - 1];
            int rows = v.shape()[r - 2];
            int cols = v.shape()[r - 1];
            return transpose
                    ? new GemmOperand(CpuBuffer.arrayOf(v), Math.toIntExact(v.offset()), bs, cs, rs, cols, rows)
                    : new GemmOperand(CpuBuffer.arrayOf(v), Math.toIntExact(v.offset()), bs, rs, cs, rows, cols);
        }

        /** A row-major {@code rows × cols} matrix at {@code offset} (leading dimension {@code cols}). */
        static GemmOperand rowMajor(Object array, int offset, int rows, int cols) {
            return new GemmOperand(array, offset, 0, cols, 1, rows, cols);
        }

        /** The transpose of {@link #rowMajor}{@code (array, offset, cols, rows)}: a {@code rows × cols} view of it. */
        static GemmOperand transposed(Object array, int offset, int rows, int cols) {
            return new GemmOperand(array, offset, 0, 1, rows, rows, cols);
        }

        /** Index of element {@code (i, j)} of batch entry {@code b}. */
        int at(int b, int i, int j) {
            return offset + b * batchStride + i * rowStride + j * colStride;
        }
    }
}
