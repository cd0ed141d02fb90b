package io.faltung.testkit.reference;

import io.faltung.spi.GemmSpec;
import io.faltung.spi.View;
import java.util.Arrays;

/** Reference kernel for GEMM: the textbook triple loop per batch, summed in double. */
public final class ReferenceGemm {
    private ReferenceGemm() {
    }

    /** {@code C = alpha · op(A) · op(B) + beta · C}, batched as described in {@link GemmSpec}. */
    public static void gemm(GemmSpec spec, View a, View b, View c) {
        requireRank(a, "A");
        requireRank(b, "B");
        requireRank(c, "C");
        int batch = c.rank() == 3 ? c.shape()[0] : 1;
        requireBatch(a, "A", batch, c);
        requireBatch(b, "B", batch, c);
        int m = rows(c);
        int n = cols(c);
        int k = spec.transposeA() ? rows(a) : cols(a);
        int am = spec.transposeA() ? cols(a) : rows(a);
        int bk = spec.transposeB() ? cols(b) : rows(b);
        int bn = spec.transposeB() ? rows(b) : cols(b);
        if (am != m || bn != n || bk != k) {
            throw new IllegalArgumentException("gemm: op(A) is [" + am + ", " + k + "], op(B) is [" + bk + ", " + bn
                    + "] and C is [" + m + ", " + n + "] (" + spec + ")");
        }
        if (a.dtype() != c.dtype() || b.dtype() != c.dtype()) {
            throw new IllegalArgumentException("gemm: A is " + a.dtype() + ", B is " + b.dtype() + ", C is "
                    + c.dtype() + "; all must match");
        }
        Elements.requireFloating("gemm", "C", c);
        requireNoOverlap(a, "A", c);
        requireNoOverlap(b, "B", c);
        ReferenceBuffer ab = ReferenceBuffer.of(a.buffer());
        ReferenceBuffer bb = ReferenceBuffer.of(b.buffer());
        ReferenceBuffer cb = ReferenceBuffer.of(c.buffer());
        Elements.requireDistinct("gemm", c, Elements.offsets(c));
        for (int p = 0; p < batch; p++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int q = 0; q < k; q++) {
                        double x = spec.transposeA() ? ab.get(at(a, p, q, i)) : ab.get(at(a, p, i, q));
                        double y = spec.transposeB() ? bb.get(at(b, p, j, q)) : bb.get(at(b, p, q, j));
                        sum += x * y;
                    }
                    long target = at(c, p, i, j);
                    double old = spec.beta() == 0 ? 0 : spec.beta() * cb.get(target);
                    cb.set(target, spec.alpha() * sum + old);
                }
            }
        }
    }

    /** Buffer offset of element (row, col) of batch {@code p}; a batch extent of 1 broadcasts. */
    private static long at(View v, int p, int row, int col) {
        int r = v.rank();
        long offset = v.offset() + (long) row * v.strides()[r - 2] + (long) col * v.strides()[r - 1];
        if (r == 3 && v.shape()[0] != 1) {
            offset += (long) p * v.strides()[0];
        }
        return offset;
    }

    private static int rows(View v) {
        return v.shape()[v.rank() - 2];
    }

    private static int cols(View v) {
        return v.shape()[v.rank() - 1];
    }

    private static void requireRank(View v, String name) {
        if (v.rank() != 2 && v.rank() != 3) {
            throw new IllegalArgumentException("gemm: " + name + " must be rank 2 or 3, got shape "
                    + Arrays.toString(v.shape()));
        }
    }

    private static void requireBatch(View v, String name, int batch, View c) {
        if (v.rank() == 3 && v.shape()[0] != 1 && v.shape()[0] != batch) {
            throw new IllegalArgumentException("gemm: " + name + " has batch " + v.shape()[0] + " but C "
                    + Arrays.toString(c.shape()) + " has batch " + batch + " (1 broadcasts)");
        }
    }

    private static void requireNoOverlap(View v, String name, View c) {
        if (v.buffer() != c.buffer() || v.size() == 0 || c.size() == 0) {
            return;
        }
        long[] mine = Elements.offsets(v);
        long[] theirs = Elements.offsets(c);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (long o : mine) {
            seen.add(o);
        }
        for (long o : theirs) {
            if (seen.contains(o)) {
                throw new IllegalArgumentException("gemm: C " + c + " overlaps " + name + " " + v + " at element " + o);
            }
        }
    }
}
