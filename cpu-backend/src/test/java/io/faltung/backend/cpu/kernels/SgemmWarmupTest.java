package io.faltung.backend.cpu.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

/** The cold GEMM kernel computes the vector kernels' bits, and the race switches only to a faster kernel. */
class SgemmWarmupTest {
    private final SplittableRandom random = new SplittableRandom(5);

    @Test
    void coldTwinGivesTheVectorKernelsBits() {
        assumeTrue(VectorSupport.enabled(), "the Vector API is off in this JVM");
        for (SgemmMicroKernel vector : new SgemmMicroKernel[] {SgemmVectorKernel.INSTANCE, SgemmVector512Kernel.INSTANCE}) {
            SgemmMicroKernel twin = new SgemmColdKernel(vector);
            assertEquals(vector.mr(), twin.mr());
            assertEquals(vector.nr(), twin.nr());
            for (int kc : new int[] {0, 1, 7, 256}) {
                for (float alpha : new float[] {1f, -0.75f, 3e-3f}) {
                    float[] a = values(vector.mr() * kc + 2);
                    float[] b = values(vector.nr() * kc + 3);
                    int rs = vector.nr() + 5;
                    float[] c = values(vector.mr() * rs + 4);
                    float[] want = c.clone();
                    float[] got = c.clone();
                    vector.tile(kc, a, 2, b, 3, alpha, want, 4, rs);
                    twin.tile(kc, a, 2, b, 3, alpha, got, 4, rs);
                    for (int i = 0; i < c.length; i++) {
                        int at = i;
                        assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]),
                                () -> vector.getClass().getSimpleName() + " kc=" + kc + " alpha=" + alpha + ": element " + at
                                        + " is " + got[at] + ", the vector kernel gives " + want[at]);
                    }
                }
            }
        }
    }

    @Test
    void raceSwitchesToTheFasterKernel() {
        SgemmMicroKernel fast = SgemmScalarKernel.INSTANCE;
        assertTrue(SgemmWarmup.race(fast, slow(fast), 10_000_000_000L));
    }

    @Test
    void raceGivesUpWhenTheHotKernelNeverWins() {
        SgemmMicroKernel fast = SgemmScalarKernel.INSTANCE;
        long start = System.nanoTime();
        assertFalse(SgemmWarmup.race(slow(fast), fast, 50_000_000L));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "the race stops at its time limit");
    }

    @Test
    void productsRunOnTheVectorKernelOnceWarm() {
        assumeTrue(VectorSupport.enabled(), "the Vector API is off in this JVM");
        SgemmMicroKernel first = SgemmWarmup.kernel();
        assertTrue(first == Sgemm.KERNEL || first instanceof SgemmColdKernel, "the first product's kernel: " + first);
        long deadline = System.nanoTime() + SgemmWarmup.MAX_SECONDS * 1_000_000_000L;
        while (!SgemmWarmup.warm() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000L);
        }
        assertTrue(SgemmWarmup.warm(), "the vector kernel never won the race");
        assertEquals(Sgemm.KERNEL, SgemmWarmup.kernel());
    }

    /** {@code kernel}, a millisecond slower per tile. */
    private static SgemmMicroKernel slow(SgemmMicroKernel kernel) {
        return new SgemmMicroKernel() {
            @Override
            public int mr() {
                return kernel.mr();
            }

            @Override
            public int nr() {
                return kernel.nr();
            }

            @Override
            public void tile(int kc, float[] a, int ao, float[] b, int bo, float alpha, float[] c, int co, int rs) {
                LockSupport.parkNanos(1_000_000L);
                kernel.tile(kc, a, ao, b, bo, alpha, c, co, rs);
            }
        };
    }

    /** Values of mixed sign and magnitude, with some zeros of either sign. */
    private float[] values(int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = switch (random.nextInt(10)) {
                case 0 -> 0f;
                case 1 -> -0f;
                case 2 -> (float) (random.nextDouble() * 1e6);
                default -> (float) (random.nextDouble() - 0.5);
            };
        }
        return v;
    }
}
