package io.faltung.testkit.reference;

/**
 * Philox-4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11), written
 * from the paper's definition: ten rounds of two 32×32→64-bit multiplies with a Weyl-sequence key
 * schedule. Checked against the Random123 known-answer vectors in {@code PhiloxTest}.
 */
public final class Philox {
    private static final long M0 = 0xD2511F53L;
    private static final long M1 = 0xCD9E8D57L;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;

    private Philox() {
    }

    /** The four output words for {@code counter} (4 words) under {@code key} (2 words). */
    public static int[] block(int[] counter, int[] key) {
        int c0 = counter[0];
        int c1 = counter[1];
        int c2 = counter[2];
        int c3 = counter[3];
        int k0 = key[0];
        int k1 = key[1];
        for (int round = 0; round < 10; round++) {
            if (round > 0) {
                k0 += W0;
                k1 += W1;
            }
            long p0 = M0 * Integer.toUnsignedLong(c0);
            long p1 = M1 * Integer.toUnsignedLong(c2);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n1 = (int) p1;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            int n3 = (int) p0;
            c0 = n0;
            c1 = n1;
            c2 = n2;
            c3 = n3;
        }
        return new int[] {c0, c1, c2, c3};
    }

    /** The block for stream position {@code c} under {@code seed}, as {@link io.faltung.spi.RandomSpec} defines. */
    public static int[] block(long seed, long c) {
        return block(new int[] {(int) c, (int) (c >>> 32), 0, 0}, new int[] {(int) seed, (int) (seed >>> 32)});
    }
}
