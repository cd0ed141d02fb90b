package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.Parallel;
import io.faltung.backend.cpu.kernels.GemmKernel.GemmOperand;

/**
 * FLOAT32 GEMM, {@code C += alpha · op(A) · op(B)}, in the BLIS/GotoBLAS shape: loops
 * jc (NC columns) → pc (KC of the inner dimension; pack that B block into NR-column panels) → ic
 * (MC rows; pack that A block into MR-row panels) → jr → ir, where the MR×NR micro-kernel
 * ({@link SgemmMicroKernel}) reads both panels sequentially. Packing also absorbs every stride,
 * transpose and edge (panels are zero-padded). Small products skip most of it: they reuse a packed
 * block too little to pay for the copy, so where rows are contiguous the micro-kernel reads A
 * ({@link #DIRECT_A_PANELS}) and B ({@link #DIRECT_B_ROWS}) in place and only edge panels are packed.
 *
 * <p>Block sizes: a B micro-panel (KC×NR floats) is reused by every A panel of the block and stays
 * in L1/L2, while the A block (MC×KC) stays in L2 (Zen 3: 512 KiB, Zen 4: 1 MiB).
 *
 * <p>Threads split C into one rectangle each (see {@link #single}); a batch of small products is
 * instead split by batch entry, each product on one thread.
 */
final class Sgemm {
    static final int MC = 128;
    static final int KC = 256;
    static final int NC = 4096;
    /**
     * An A block whose rows are contiguous is read in place, not packed, when at most this many B
     * panels use it. On Zen 4 (8×32 tiles) the micro-kernel runs as fast from eight rows of a small
     * matrix as from a packed panel, while packing costs ~0.45 ns a float; packing pays for wide blocks,
     * whose rows (long, often 4 KiB apart) would alias in L1. An LSTM step (32×128 · 128×512 on two
     * threads: 8 panels each) and its input gradient {@code dGates · Wih} (1 panel) read A in place.
     */
    static final int DIRECT_A_PANELS = 8;
    /**
     * A product of at most this many rows reads the full panels of a B with contiguous rows in place
     * instead of packing them: a B panel then serves at most eight A panels, too few to pay for a copy
     * (an LSTM step's 32×128·128×512 spent ~4.5 of 23 µs per thread packing its half of B), and the
     * micro-kernel streams B rows at any stride about as fast as a packed panel (Zen 4: 2 KiB apart).
     */
    static final int DIRECT_B_ROWS = 64;
    /** Below this many multiply-adds a product runs on one thread. */
    static final long PARALLEL_WORK = 1L << 18;
    /** The micro-kernel of this machine, chosen once. */
    static final SgemmMicroKernel KERNEL = SgemmMicroKernel.forThisMachine();

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Sgemm() {
    }

    /** Per-thread packing buffers, grown on demand and kept for the thread's life. */
    private static final class Scratch {
        float[] a = new float[0];
        float[] b = new float[0];
        float[] tile = new float[0];
    }

    /**
     * {@code C += alpha · op(A) · op(B)} for every batch entry with this machine's {@link #KERNEL}, or
     * its bit-identical twin while that is not compiled yet ({@link VectorWarmup}).
     */
    static void multiply(Parallel pool, float alpha, GemmOperand a, GemmOperand b, GemmOperand c,
                         int batch, int m, int n, int k) {
        multiply(pool, VectorWarmup.gemmKernel(), alpha, a, b, c, batch, m, n, k);
    }

    /** {@code C += alpha · op(A) · op(B)} for every batch entry; operands hold {@code float[]}. */
    static void multiply(Parallel pool, SgemmMicroKernel kernel, float alpha, GemmOperand a, GemmOperand b, GemmOperand c,
                         int batch, int m, int n, int k) {
        boolean large = (long) m * n * k >= PARALLEL_WORK;
        if (batch > 1 && !large) {
            pool.forEach(batch, q -> single(null, kernel, alpha, a, b, c, q, m, n, k));
        } else {
            for (int q = 0; q < batch; q++) {
                single(large ? pool : null, kernel, alpha, a, b, c, q, m, n, k);
            }
        }
    }

    /**
     * One product. With threads, each takes its own rectangle of C — a run of whole B panels (columns)
     * or, for tall narrow products, of whole A panels (rows) — and runs the complete loop nest on it,
     * packing its own operands. That repacks A (or B) once per thread, which costs {@code m·k} (or
     * {@code k·n}) against {@code m·n·k / threads} multiply-adds, but needs one hand-off per product
     * instead of a barrier per KC step: on small products such as an LSTM step's {@code 32×128·128×512}
     * the barriers cost more than the arithmetic they separate.
     */
    private static void single(Parallel pool, SgemmMicroKernel kernel, float alpha, GemmOperand a, GemmOperand b,
                               GemmOperand c, int q, int m, int n, int k) {
        int threads = pool == null ? 1 : pool.threads();
        int colPanels = (n + kernel.nr() - 1) / kernel.nr();
        int rowPanels = (m + kernel.mr() - 1) / kernel.mr();
        if (threads == 1 || (colPanels < 2 && rowPanels < 2)) {
            rectangle(kernel, alpha, a, b, c, q, 0, m, 0, n, k);
            return;
        }
        boolean byColumns = colPanels >= threads ? n >= m || rowPanels < threads : colPanels >= rowPanels;
        int units = byColumns ? colPanels : rowPanels;
        int width = byColumns ? kernel.nr() : kernel.mr();
        int extent = byColumns ? n : m;
        int tasks = Math.min(threads, units);
        pool.forEach(tasks, t -> {
            int from = units * t / tasks * width;
            int to = Math.min(extent, units * (t + 1) / tasks * width);
            if (byColumns) {
                rectangle(kernel, alpha, a, b, c, q, 0, m, from, to, k);
            } else {
                rectangle(kernel, alpha, a, b, c, q, from, to, 0, n, k);
            }
        });
    }

    /**
     * The serial loop nest over rows {@code [i0, i1)} and columns {@code [j0, j1)} of C, on the calling
     * thread. B is packed block by block, except that a product of at most {@link #DIRECT_B_ROWS} rows
     * reads the full panels of a B with contiguous rows in place (only an edge panel is packed).
     */
    private static void rectangle(SgemmMicroKernel kernel, float alpha, GemmOperand a, GemmOperand b, GemmOperand c,
                                  int q, int i0, int i1, int j0, int j1, int k) {
        Scratch own = SCRATCH.get();
        int nr = kernel.nr();
        float[] as = (float[]) a.array();
        float[] bs = (float[]) b.array();
        boolean directB = b.colStride() == 1 && i1 - i0 <= DIRECT_B_ROWS;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            int panels = (nc + nr - 1) / nr;
            int inPlace = directB ? nc / nr : 0;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                if (own.b.length < panels * nr * kc) {
                    own.b = new float[panels * nr * Math.min(KC, k)];
                }
                if (inPlace < panels) {
                    pack(bs, b.at(q, pc, jc), b.rowStride(), b.colStride(), kc, nc, nr, own.b, inPlace, panels);
                }
                Panels bp = new Panels(own.b, bs, b.at(q, pc, jc), b.rowStride(), inPlace);
                for (int ic = i0; ic < i1; ic += MC) {
                    block(kernel, alpha, as, a, c, q, ic, Math.min(MC, i1 - ic), pc, kc, jc, nc, bp, 0, panels);
                }
            }
        }
    }

    /**
     * The B panels of one {@code kc × nc} block: panel {@code p} is read in place from {@code rows}
     * (row stride {@code rowStride}, its first element at {@code origin + p·NR}) when {@code p < inPlace},
     * else from the packed {@code packed}.
     */
    private record Panels(float[] packed, float[] rows, int origin, int rowStride, int inPlace) {
    }

    /**
     * Multiplies the A block {@code [ic, ic+mc) × [pc, pc+kc)} with B panels {@code [p0, p1)}: packs the
     * block first, unless its rows are contiguous and few panels use it ({@link #DIRECT_A_PANELS}); then
     * the micro-kernel reads the full MR-row panels in place and only an edge panel is packed.
     */
    private static void block(SgemmMicroKernel kernel, float alpha, float[] as, GemmOperand a, GemmOperand c, int q, int ic,
                              int mc, int pc, int kc, int jc, int nc, Panels bp, int p0, int p1) {
        Scratch own = SCRATCH.get();
        int mrFull = kernel.mr();
        int nrFull = kernel.nr();
        int aPanels = (mc + mrFull - 1) / mrFull;
        if (own.a.length < aPanels * mrFull * kc) {
            own.a = new float[((MC + mrFull - 1) / mrFull) * mrFull * KC];
        }
        if (own.tile.length < mrFull * nrFull) {
            own.tile = new float[mrFull * nrFull];
        }
        float[] ap = own.a;
        boolean direct = a.colStride() == 1 && p1 - p0 <= DIRECT_A_PANELS;
        int fullRows = direct ? mc / mrFull * mrFull : 0;
        if (fullRows < mc) {
            pack(as, a.at(q, ic, pc), a.colStride(), a.rowStride(), kc, mc, mrFull, ap, fullRows / mrFull, aPanels);
        }
        int lda = a.rowStride();
        float[] cs = (float[]) c.array();
        float[] tile = own.tile;
        int rs = c.rowStride();
        int ccs = c.colStride();
        for (int jp = p0; jp < p1; jp++) {
            int j = jp * nrFull;
            int nr = Math.min(nrFull, nc - j);
            boolean bRows = jp < bp.inPlace();
            float[] bt = bRows ? bp.rows() : bp.packed();
            int bo = bRows ? bp.origin() + j : jp * kc * nrFull;
            int bps = bRows ? bp.rowStride() : nrFull;
            for (int i = 0; i < mc; i += mrFull) {
                int mr = Math.min(mrFull, mc - i);
                int co = c.at(q, ic + i, jc + j);
                boolean rows = i < fullRows;
                float[] at = rows ? as : ap;
                int ao = rows ? a.at(q, ic + i, pc) : i * kc;
                int ars = rows ? lda : 1;
                int aps = rows ? 1 : mrFull;
                boolean whole = mr == mrFull && nr == nrFull && ccs == 1;
                float[] into = whole ? cs : tile;
                int io = whole ? co : 0;
                int irs = whole ? rs : nrFull;
                if (!whole) {
                    java.util.Arrays.fill(tile, 0, mrFull * nrFull, 0f);
                }
                if (rows || bRows) {
                    kernel.tile(kc, at, ao, ars, aps, bt, bo, bps, alpha, into, io, irs);
                } else {
                    kernel.tilePacked(kc, at, ao, bt, bo, alpha, into, io, irs);
                }
                if (!whole) {
                    SgemmMicroKernel.addTile(tile, nrFull, 1f, cs, co, rs, ccs, mr, nr);
                }
            }
        }
    }

    /**
     * {@code dst[to + d·step + c] = src[from + c·es + d]} for {@code c < 8, d < depth}: eight rows of a
     * row-major block into panel order, the pack of every plain A (and of a transposed B). Eight
     * reads that advance with {@code d} keep their range checks out of the loop, and the eight writes
     * at one base share theirs; the plain double loop checked both indices on every element and was
     * a quarter of an LSTM step.
     */
    private static void transpose8(float[] src, int from, int es, float[] dst, int to, int step, int depth) {
        int s0 = from;
        int s1 = s0 + es;
        int s2 = s1 + es;
        int s3 = s2 + es;
        int s4 = s3 + es;
        int s5 = s4 + es;
        int s6 = s5 + es;
        int s7 = s6 + es;
        int t = to;
        for (int d = 0; d < depth; d++, t += step) {
            dst[t] = src[s0 + d];
            dst[t + 1] = src[s1 + d];
            dst[t + 2] = src[s2 + d];
            dst[t + 3] = src[s3 + d];
            dst[t + 4] = src[s4 + d];
            dst[t + 5] = src[s5 + d];
            dst[t + 6] = src[s6 + d];
            dst[t + 7] = src[s7 + d];
        }
    }

    /**
     * Packs panels {@code [p0, p1)} of a {@code depth × extent} matrix ({@code src[off + d·ds + e·es]})
     * into {@code dst}: panel {@code p} holds, for each {@code d}, the {@code width} elements
     * {@code e ∈ [p·width, (p+1)·width)}, zero beyond {@code extent}. For A the depth is K and the
     * extent M (panel width MR); for B the depth is K and the extent N (width NR).
     */
    static void pack(float[] src, int off, int ds, int es, int depth, int extent, int width, float[] dst,
                     int p0, int p1) {
        for (int p = p0; p < p1; p++) {
            int e0 = p * width;
            int w = Math.min(width, extent - e0);
            int base = p * depth * width;
            if (w < width) {
                java.util.Arrays.fill(dst, base, base + depth * width, 0f);
            }
            int from = off + e0 * es;
            if (es == 1) {
                for (int d = 0; d < depth; d++) {
                    System.arraycopy(src, from + d * ds, dst, base + d * width, w);
                }
            } else if (ds == 1) {
                int e = 0;
                for (; e + 8 <= w; e += 8) {
                    transpose8(src, from + e * es, es, dst, base + e, width, depth);
                }
                for (; e < w; e++) {
                    int s = from + e * es;
                    for (int d = 0; d < depth; d++) {
                        dst[base + d * width + e] = src[s + d];
                    }
                }
            } else {
                for (int d = 0; d < depth; d++) {
                    int s = from + d * ds;
                    for (int e = 0; e < w; e++) {
                        dst[base + d * width + e] = src[s + e * es];
                    }
                }
            }
        }
    }
}
