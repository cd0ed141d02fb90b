package io.faltung.backend.cpu.kernels;

/**
 * Philox-4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011): a
 * counter-based generator, i.e. a keyed bijection of a 128-bit counter. Any element of a stream can
 * be computed on its own, which lets CPU threads, CUDA threads and resumed jobs produce the same
 * numbers without sharing state.
 */
public final class Philox {
    private static final long M0 = 0xD2511F53L;
    private static final long M1 = 0xCD9E8D57L;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;

    private Philox() {
    }

    /**
     * Computes the block for key {@code (k0, k1)} and counter {@code (c0, c1, c2, c3)} into
     * {@code out[0..4)}.
     */
    public static void block(int k0, int k1, int c0, int c1, int c2, int c3, int[] out) {
        for (int round = 0; round < 10; round++) {
            long p0 = M0 * (c0 & 0xFFFFFFFFL);
            long p1 = M1 * (c2 & 0xFFFFFFFFL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c1 = (int) p1;
            c3 = (int) p0;
            c0 = n0;
            c2 = n2;
            k0 += W0;
            k1 += W1;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }
}
