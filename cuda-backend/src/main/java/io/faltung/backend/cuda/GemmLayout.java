package io.faltung.backend.cuda;

import io.faltung.spi.View;

/**
 * How a row-major, strided {@code C = op(A)·op(B)} maps onto cuBLAS's column-major
 * {@code gemmStridedBatched} without copies where the strides allow it (pure arithmetic, no GPU).
 *
 * <p>A logical matrix with row stride {@code rs} and column stride {@code cs} is, to cuBLAS, a
 * column-major matrix with leading dimension {@code cs} when {@code rs == 1} (op N), or the transpose
 * of one with leading dimension {@code rs} when {@code cs == 1} (op T). If C's columns are unit-strided
 * (the usual row-major case) cuBLAS computes {@code Cᵀ = op(B)ᵀ·op(A)ᵀ}; if its rows are, it computes
 * {@code C = op(A)·op(B)} directly. An operand whose strides fit neither pattern (e.g. stepped or
 * flipped views) is marked for a contiguous copy.
 */
final class GemmLayout {
    private GemmLayout() {
    }

    /** A logical matrix inside a buffer: extents, element strides and the element offset of (0, 0) of batch 0. */
    record Mat(int rows, int cols, long rs, long cs, long batchStride, long offset) {
        Mat transposed() {
            return new Mat(cols, rows, cs, rs, batchStride, offset);
        }
    }

    /** A cuBLAS operand: transpose flag and leading dimension, or {@code copy} when the layout does not fit. */
    record Operand(boolean transpose, int ld, boolean copy) {
    }

    /** The plan of one product: whether cuBLAS computes Cᵀ, its m/n/k, the two operands and C's leading dimension. */
    record Plan(boolean swapped, int m, int n, int k, Mat first, Operand firstOp, Mat second, Operand secondOp, int ldc,
            boolean copyC) {
    }

    /** {@code op(X)} of a rank-2 or rank-3 view as a logical matrix (batch stride 0 when broadcast). */
    static Mat logical(View v, boolean transpose) {
        int r = v.rank();
        long batchStride = r == 3 && v.shape()[0] != 1 ? v.strides()[0] : 0;
        Mat m = new Mat(v.shape()[r - 2], v.shape()[r - 1], v.strides()[r - 2], v.strides()[r - 1], batchStride, v.offset());
        return transpose ? m.transposed() : m;
    }

    /** The cuBLAS operand for logical matrix {@code l} (which cuBLAS must see as [rows × cols]). */
    static Operand columnMajor(Mat l) {
        if (l.batchStride() < 0) {
            return new Operand(false, 0, true);
        }
        int minRows = Math.max(1, l.rows());
        int minCols = Math.max(1, l.cols());
        if ((l.rs() == 1 || l.rows() == 1) && (l.cols() == 1 || l.cs() >= minRows && l.cs() <= Integer.MAX_VALUE)) {
            return new Operand(false, l.cols() == 1 ? minRows : (int) l.cs(), false);
        }
        if ((l.cs() == 1 || l.cols() == 1) && (l.rows() == 1 || l.rs() >= minCols && l.rs() <= Integer.MAX_VALUE)) {
            return new Operand(true, l.rows() == 1 ? minCols : (int) l.rs(), false);
        }
        return new Operand(false, 0, true);
    }

    /** A dense row-major copy of {@code l} (what a copied operand becomes), starting at element 0. */
    static Mat packed(Mat l, boolean broadcastBatch) {
        long batchStride = broadcastBatch ? 0 : (long) l.rows() * l.cols();
        return new Mat(l.rows(), l.cols(), l.cols(), 1, batchStride, 0);
    }

    /** Plans {@code C = opA(A)·opB(B)} for logical {@code opA} [m×k], {@code opB} [k×n] and C [m×n]. */
    static Plan plan(Mat opA, Mat opB, Mat c) {
        int m = c.rows();
        int n = c.cols();
        int k = opA.cols();
        boolean rowMajorC = (c.cs() == 1 || n == 1) && (m == 1 || c.rs() >= Math.max(1, n)) && c.rs() <= Integer.MAX_VALUE;
        boolean colMajorC = (c.rs() == 1 || m == 1) && (n == 1 || c.cs() >= Math.max(1, m)) && c.cs() <= Integer.MAX_VALUE;
        boolean copyC = c.batchStride() < 0 || !rowMajorC && !colMajorC;
        if (copyC || rowMajorC) {
            int ldc = copyC || m == 1 ? Math.max(1, n) : (int) c.rs();
            Mat first = opB.transposed();
            Mat second = opA.transposed();
            return new Plan(true, n, m, k, first, columnMajor(first), second, columnMajor(second), ldc, copyC);
        }
        int ldc = n == 1 ? Math.max(1, m) : (int) c.cs();
        return new Plan(false, m, n, k, opA, columnMajor(opA), opB, columnMajor(opB), ldc, false);
    }
}
