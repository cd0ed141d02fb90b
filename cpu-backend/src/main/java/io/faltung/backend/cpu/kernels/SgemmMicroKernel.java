package io.faltung.backend.cpu.kernels;

/**
 * One FLOAT32 GEMM micro-kernel of {@link Sgemm}: {@code C[0..mr)[0..nr) += alpha · Apanel · Bpanel}
 * for one {@link #mr()}×{@link #nr()} tile, from an A panel that holds {@code mr()} rows per inner
 * step and a B panel that holds {@code nr()} columns per inner step (both zero-padded by the packing).
 * The tile shape follows the registers of the machine, so it is chosen once, at class init:
 * {@link #forThisMachine()}.
 */
interface SgemmMicroKernel {
    /** Rows of C per tile (the width of an A panel). */
    int mr();

    /** Columns of C per tile (the width of a B panel). */
    int nr();

    /**
     * {@code C[0..mr())[0..nr()) += alpha · A · B} over {@code kc} steps, for a whole tile whose
     * element {@code (i, j)} is {@code c[co + i·rs + j]}, where element {@code (i, p)} of the
     * {@code mr() × kc} A block is {@code a[ao + i·ars + p·aps]} and element {@code (p, j)} of the
     * {@code kc × nr()} B block is {@code b[bo + p·bps + j]}: packed panels ({@code ars = 1, aps = mr()};
     * {@code bps = nr()}) or the rows of plain matrices read in place ({@code aps = 1}, {@code ars} and
     * {@code bps} their row strides). Edge tiles and strided C go through a scratch tile in
     * {@link Sgemm}: a kernel has a single write-back, so C2 never compiles a rare branch as a trap
     * and later falls back to slow code when edges appear.
     */
    void tile(int kc, float[] a, int ao, int ars, int aps, float[] b, int bo, int bps, float alpha, float[] c, int co,
              int rs);

    /**
     * {@link #tile} on packed panels ({@code ars = 1, aps = mr(), bps = nr()}). The vector kernels
     * implement it separately with the strides as constants, which C2 folds into the addressing:
     * the general method was about 15 % slower on N = 1024 products, where every operand is packed.
     */
    default void tilePacked(int kc, float[] a, int ao, float[] b, int bo, float alpha, float[] c, int co, int rs) {
        tile(kc, a, ao, 1, mr(), b, bo, nr(), alpha, c, co, rs);
    }

    /**
     * The kernel for this JVM and CPU: the Vector-API kernel for the widest native float vectors
     * when {@link VectorSupport#enabled()}, the plain-Java one otherwise.
     */
    static SgemmMicroKernel forThisMachine() {
        return VectorSupport.ENABLED ? SgemmVectorKernel.preferred() : SgemmScalarKernel.INSTANCE;
    }

    /** {@code C[r][j] += alpha · tmp[r·ld + j]} for the valid {@code mr × nr} corner, any C strides. */
    static void addTile(float[] tmp, int ld, float alpha, float[] c, int co, int rs, int cs, int mr, int nr) {
        for (int r = 0; r < mr; r++) {
            int row = co + r * rs;
            for (int j = 0; j < nr; j++) {
                c[row + j * cs] += alpha * tmp[r * ld + j];
            }
        }
    }
}
