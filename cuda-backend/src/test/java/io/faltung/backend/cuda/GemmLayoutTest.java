package io.faltung.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.backend.cuda.GemmLayout.Mat;
import io.faltung.spi.Buffer;
import io.faltung.spi.DType;
import io.faltung.spi.View;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link GemmLayout} without a GPU: every plan is executed by a Java model of cuBLAS's
 * column-major {@code gemmStridedBatched} (transpose flags, leading dimensions, batch strides), with
 * the dense copies {@link CudaMatMul} makes for operands the plan marks, and compared with a naive
 * row-major product on random shapes and layouts (contiguous, transposed, stepped, flipped, broadcast).
 */
class GemmLayoutTest {
    private record HostBuffer(double[] data) implements Buffer {
        @Override
        public DType dtype() {
            return DType.FLOAT64;
        }

        @Override
        public long size() {
            return data.length;
        }

        @Override
        public boolean isClosed() {
            return false;
        }

        @Override
        public void close() {
        }
    }

    private final Random random = new Random(42);

    @Test
    void denseRowMajorOperandsNeedNoCopies() {
        View a = view(new int[] {4, 3}, 0);
        View b = view(new int[] {3, 5}, 0);
        View c = view(new int[] {4, 5}, 0);
        GemmLayout.Plan p = GemmLayout.plan(GemmLayout.logical(a, false), GemmLayout.logical(b, false), GemmLayout.logical(c, false));
        assertTrue(p.swapped());
        assertFalse(p.firstOp().copy() || p.secondOp().copy() || p.copyC());
        assertEquals(5, p.m());
        assertEquals(4, p.n());
        assertEquals(3, p.k());
        assertEquals(5, p.ldc());
    }

    @Test
    void transposedViewsFlipTheOperationInsteadOfCopying() {
        View at = view(new int[] {3, 4}, 1);
        GemmLayout.Plan p = GemmLayout.plan(GemmLayout.logical(at, true), GemmLayout.logical(view(new int[] {3, 5}, 0), false),
                GemmLayout.logical(view(new int[] {4, 5}, 0), false));
        assertFalse(p.secondOp().copy());
    }

    @Test
    void everyPlanComputesTheRowMajorProduct() {
        for (int trial = 0; trial < 600; trial++) {
            int batch = random.nextInt(4);
            int m = 1 + random.nextInt(4);
            int k = 1 + random.nextInt(4);
            int n = 1 + random.nextInt(4);
            boolean ta = random.nextBoolean();
            boolean tb = random.nextBoolean();
            int batchA = batch == 0 ? 0 : random.nextInt(3) == 0 ? 1 : batch;
            int batchB = batch == 0 ? 0 : random.nextInt(3) == 0 ? 1 : batch;
            View a = view(shape(batchA, ta ? k : m, ta ? m : k), random.nextInt(5));
            View b = view(shape(batchB, tb ? n : k, tb ? k : n), random.nextInt(5));
            View c = view(shape(batch, m, n), random.nextInt(4));
            double alpha = random.nextBoolean() ? 1 : -1.5;
            double beta = random.nextInt(3) == 0 ? 0 : 0.5;
            double[] expected = naive(a, ta, b, tb, c, alpha, beta, Math.max(batch, 1), m, n, k);
            simulate(a, ta, b, tb, c, alpha, beta, Math.max(batch, 1));
            double[] actual = read(c);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-12, "trial " + trial + " element " + i + ": A " + a + (ta ? "ᵀ" : "")
                        + " B " + b + (tb ? "ᵀ" : "") + " C " + c);
            }
        }
    }

    /** What CudaMatMul does, with cuBLAS replaced by a model of its column-major semantics. */
    private static void simulate(View a, boolean ta, View b, boolean tb, View c, double alpha, double beta, int batch) {
        Mat opA = GemmLayout.logical(a, ta);
        Mat opB = GemmLayout.logical(b, tb);
        Mat mc = GemmLayout.logical(c, false);
        GemmLayout.Plan p = GemmLayout.plan(opA, opB, mc);
        Operand first = resolve(p.first(), p.firstOp(), p.swapped() ? b : a, batch);
        Operand second = resolve(p.second(), p.secondOp(), p.swapped() ? a : b, batch);
        double[] cData = data(c);
        long cBase = c.offset();
        long strideC = mc.batchStride();
        View c3 = c.rank() == 3 ? c : new View(c.buffer(), new int[] {1, c.shape()[0], c.shape()[1]},
                new int[] {0, c.strides()[0], c.strides()[1]}, c.offset());
        if (p.copyC()) {
            cData = new double[batch * mc.rows() * mc.cols()];
            double[] old = read(c3);
            System.arraycopy(old, 0, cData, 0, old.length);
            cBase = 0;
            strideC = batch == 1 ? 0 : (long) mc.rows() * mc.cols();
        }
        for (int i = 0; i < batch; i++) {
            for (int r = 0; r < p.m(); r++) {
                for (int j = 0; j < p.n(); j++) {
                    double sum = 0;
                    for (int q = 0; q < p.k(); q++) {
                        sum += first.at(i, r, q) * second.at(i, q, j);
                    }
                    int at = (int) (cBase + i * strideC + r + (long) j * p.ldc());
                    cData[at] = alpha * sum + (beta == 0 ? 0 : beta * cData[at]);
                }
            }
        }
        if (p.copyC()) {
            write(c3, cData);
        }
    }

    /** A cuBLAS operand: column-major element (row, col) of batch i. */
    private record Operand(double[] data, long base, boolean transpose, int ld, long batchStride) {
        double at(int i, int row, int col) {
            long off = base + i * batchStride + (transpose ? col + (long) row * ld : row + (long) col * ld);
            return data[(int) off];
        }
    }

    private static Operand resolve(Mat l, GemmLayout.Operand op, View source, int batch) {
        if (!op.copy()) {
            return new Operand(data(source), l.offset(), op.transpose(), op.ld(), l.batchStride());
        }
        int copies = l.batchStride() == 0 ? 1 : batch;
        View logical = new View(source.buffer(), new int[] {copies, l.rows(), l.cols()},
                new int[] {(int) l.batchStride(), (int) l.rs(), (int) l.cs()}, l.offset());
        Mat packed = GemmLayout.packed(l, copies == 1);
        GemmLayout.Operand p = GemmLayout.columnMajor(packed);
        assertFalse(p.copy(), "a packed operand must never need another copy");
        return new Operand(read(logical), 0, p.transpose(), p.ld(), packed.batchStride());
    }

    private double[] naive(View a, boolean ta, View b, boolean tb, View c, double alpha, double beta, int batch, int m, int n, int k) {
        double[] out = new double[batch * m * n];
        double[] old = read(c);
        for (int i = 0; i < batch; i++) {
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int q = 0; q < k; q++) {
                        sum += (ta ? get(a, i, q, r) : get(a, i, r, q)) * (tb ? get(b, i, j, q) : get(b, i, q, j));
                    }
                    int o = (i * m + r) * n + j;
                    out[o] = alpha * sum + (beta == 0 ? 0 : beta * old[o]);
                }
            }
        }
        return out;
    }

    private static double get(View v, int i, int row, int col) {
        int r = v.rank();
        long off = v.offset() + (long) row * v.strides()[r - 2] + (long) col * v.strides()[r - 1];
        if (r == 3 && v.shape()[0] != 1) {
            off += (long) i * v.strides()[0];
        }
        return data(v)[(int) off];
    }

    private static int[] shape(int batch, int rows, int cols) {
        return batch == 0 ? new int[] {rows, cols} : new int[] {batch, rows, cols};
    }

    /** A random view of {@code shape}: 0 contiguous, 1 transposed, 2 stepped, 3 flipped, 4 broadcast batch. */
    private View view(int[] shape, int layout) {
        int rank = shape.length;
        int[] strides = new int[rank];
        int[] order = new int[rank];
        for (int j = 0; j < rank; j++) {
            order[j] = layout == 1 ? j : rank - 1 - j;
        }
        long unit = 1;
        long offset = 0;
        for (int axis : order) {
            int step = layout == 2 && axis == rank - 1 ? 2 : 1;
            strides[axis] = (int) (unit * step);
            unit *= (long) shape[axis] * step + (layout == 2 ? 1 : 0);
            offset += layout == 2 ? 1 : 0;
        }
        if (layout == 3) {
            for (int axis = 0; axis < rank; axis++) {
                offset += (long) (shape[axis] - 1) * strides[axis];
                strides[axis] = -strides[axis];
            }
        }
        if (layout == 4 && rank == 3) {
            strides[0] = 0;
        }
        double[] data = new double[(int) (unit + offset + 1)];
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.round(random.nextGaussian() * 8) / 4.0;
        }
        return new View(new HostBuffer(data), shape, strides, offset);
    }

    private static double[] data(View v) {
        return ((HostBuffer) v.buffer()).data();
    }

    private static double[] read(View v) {
        int n = (int) v.size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = data(v)[(int) offset(v, i)];
        }
        return out;
    }

    private static void write(View v, double[] values) {
        for (int i = 0; i < v.size(); i++) {
            data(v)[(int) offset(v, i)] = values[i];
        }
    }

    private static long offset(View v, long i) {
        long off = v.offset();
        for (int k = v.rank() - 1; k >= 0; k--) {
            off += (i % v.shape()[k]) * v.strides()[k];
            i /= v.shape()[k];
        }
        return off;
    }
}
