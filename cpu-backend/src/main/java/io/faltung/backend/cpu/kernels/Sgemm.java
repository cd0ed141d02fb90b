package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.Parallel;
import io.faltung.backend.cpu.kernels.GemmKernel.GemmOperand;

/**
 * FLOAT32 GEMM, {@code C += alpha · op(A) · op(B)}, in the BLIS/GotoBLAS shape: loops
 * jc (NC columns) → pc (KC of the inner dimension; pack that B block into NR-column panels, shared
 * by all threads) → ic (MC rows; each task packs its A block into MR-row panels) → jr → ir, where the
 * MR×NR micro-kernel ({@link SgemmMicroKernel}) reads both panels sequentially. Packing also absorbs
 * every stride, transpose and edge (panels are zero-padded), so the micro-kernel sees one layout only.
 *
 * <p>Block sizes: a B micro-panel (KC×NR floats) is reused by every A panel of the block and stays
 * in L1/L2, while the A block (MC×KC) stays in L2 (Zen 3: 512 KiB, Zen 4: 1 MiB).
 *
 * <p>Threads split the ic blocks (and, when there are too few of them, the column panels too); a
 * batch of small products is instead split by batch entry, each product on one thread.
 */
final class Sgemm {
    static final int MC = 128;
    static final int KC = 256;
    static final int NC = 4096;
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

    /** {@code C += alpha · op(A) · op(B)} for every batch entry with this machine's {@link #KERNEL}. */
    static void multiply(Parallel pool, float alpha, GemmOperand a, GemmOperand b, GemmOperand c,
                         int batch, int m, int n, int k) {
        multiply(pool, KERNEL, alpha, a, b, c, batch, m, n, k);
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

    private static void single(Parallel pool, SgemmMicroKernel kernel, float alpha, GemmOperand a, GemmOperand b,
                               GemmOperand c, int q, int m, int n, int k) {
        for (int jc = 0; jc < n; jc += NC) {
            for (int pc = 0; pc < k; pc += KC) {
                step(pool, kernel, alpha, a, b, c, q, m, jc, Math.min(NC, n - jc), pc, Math.min(KC, k - pc), k);
            }
        }
    }

    /** One jc/pc step: packs B {@code [pc, pc+kc) × [jc, jc+nc)} and runs every A block against it. */
    private static void step(Parallel pool, SgemmMicroKernel kernel, float alpha, GemmOperand a, GemmOperand b, GemmOperand c,
                             int q, int m, int jc, int nc, int pc, int kc, int k) {
        Scratch own = SCRATCH.get();
        int nr = kernel.nr();
        int panels = (nc + nr - 1) / nr;
        if (own.b.length < panels * nr * kc) {
            own.b = new float[panels * nr * Math.min(KC, k)];
        }
        float[] bp = own.b;
        float[] as = (float[]) a.array();
        float[] bs = (float[]) b.array();
        int bOffset = b.at(q, pc, jc);
        int icBlocks = (m + MC - 1) / MC;
        int threads = pool == null ? 1 : pool.threads();
        if (threads == 1) {
            pack(bs, bOffset, b.rowStride(), b.colStride(), kc, nc, nr, bp, 0, panels);
            for (int ic = 0; ic < m; ic += MC) {
                block(kernel, alpha, as, a, c, q, ic, Math.min(MC, m - ic), pc, kc, jc, nc, bp, 0, panels);
            }
            return;
        }
        pool.forEach(threads, t -> pack(bs, bOffset, b.rowStride(), b.colStride(), kc, nc, nr, bp,
                panels * t / threads, panels * (t + 1) / threads));
        int groups = Math.min(panels, Math.max(1, (2 * threads + icBlocks - 1) / icBlocks));
        pool.forEach(icBlocks * groups, task -> {
            int ic = (task / groups) * MC;
            int g = task % groups;
            block(kernel, alpha, as, a, c, q, ic, Math.min(MC, m - ic), pc, kc, jc, nc, bp,
                    panels * g / groups, panels * (g + 1) / groups);
        });
    }

    /** Packs the A block {@code [ic, ic+mc) × [pc, pc+kc)} and multiplies it with B panels {@code [p0, p1)}. */
    private static void block(SgemmMicroKernel kernel, float alpha, float[] as, GemmOperand a, GemmOperand c, int q, int ic,
                              int mc, int pc, int kc, int jc, int nc, float[] bp, int p0, int p1) {
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
        pack(as, a.at(q, ic, pc), a.colStride(), a.rowStride(), kc, mc, mrFull, ap, 0, aPanels);
        float[] cs = (float[]) c.array();
        float[] tile = own.tile;
        int rs = c.rowStride();
        int ccs = c.colStride();
        for (int jp = p0; jp < p1; jp++) {
            int j = jp * nrFull;
            int nr = Math.min(nrFull, nc - j);
            int bo = jp * kc * nrFull;
            for (int i = 0; i < mc; i += mrFull) {
                int mr = Math.min(mrFull, mc - i);
                int co = c.at(q, ic + i, jc + j);
                if (mr == mrFull && nr == nrFull && ccs == 1) {
                    kernel.tile(kc, ap, i * kc, bp, bo, alpha, cs, co, rs);
                } else {
                    java.util.Arrays.fill(tile, 0, mrFull * nrFull, 0f);
                    kernel.tile(kc, ap, i * kc, bp, bo, alpha, tile, 0, nrFull);
                    SgemmMicroKernel.addTile(tile, nrFull, 1f, cs, co, rs, ccs, mr, nr);
                }
            }
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
                for (int e = 0; e < w; e++) {
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
