package io.faltung.backend.cpu.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

/** The cold GEMM kernel computes the vector kernels' bits, and a race switches only to a faster kernel. */
class VectorWarmupTest {
    private final SplittableRandom random = new SplittableRandom(5);

    @Test
    void coldTwinGivesTheVectorKernelsBits() {
        assumeTrue(VectorSupport.enabled(), "the Vector API is off in this JVM");
        for (SgemmMicroKernel vector : new SgemmMicroKernel[] {SgemmVectorKernel.INSTANCE, SgemmVector512Kernel.INSTANCE}) {
            SgemmMicroKernel twin = new SgemmColdKernel(vector);
            assertEquals(vector.mr(), twin.mr());
            assertEquals(vector.nr(), twin.nr());
            for (int kc : new int[] {0, 1, 7, 256}) {
                for (boolean packed : new boolean[] {true, false}) {
                    // packed panels, or the rows of plain matrices read in place (row strides with slack)
                    int ars = packed ? 1 : kc + 3;
                    int aps = packed ? vector.mr() : 1;
                    int bps = packed ? vector.nr() : vector.nr() + 2;
                    for (float alpha : new float[] {1f, -0.75f, 3e-3f}) {
                        float[] a = values(vector.mr() * Math.max(ars, aps) * Math.max(kc, 1) + 2);
                        float[] b = values(bps * kc + 3);
                        int rs = vector.nr() + 5;
                        float[] c = values(vector.mr() * rs + 4);
                        float[] want = c.clone();
                        float[] got = c.clone();
                        if (packed) {
                            vector.tilePacked(kc, a, 2, b, 3, alpha, want, 4, rs);
                            twin.tilePacked(kc, a, 2, b, 3, alpha, got, 4, rs);
                        } else {
                            vector.tile(kc, a, 2, ars, aps, b, 3, bps, alpha, want, 4, rs);
                            twin.tile(kc, a, 2, ars, aps, b, 3, bps, alpha, got, 4, rs);
                        }
                        for (int i = 0; i < c.length; i++) {
                            int at = i;
                            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]),
                                    () -> vector.getClass().getSimpleName() + " kc=" + kc + " packed=" + packed
                                            + " alpha=" + alpha + ": element " + at + " is " + got[at]
                                            + ", the vector kernel gives " + want[at]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void raceIsWonByTheFasterSideTwiceInARow() {
        VectorWarmup.Race race = new VectorWarmup.Race(() -> { }, () -> LockSupport.parkNanos(1_000_000L), 1);
        assertFalse(race.round(), "one win is not enough");
        assertTrue(race.open());
        assertTrue(race.round());
        assertFalse(race.open());
    }

    @Test
    void raceIsNotWonBySlowerSide() {
        VectorWarmup.Race race = new VectorWarmup.Race(() -> LockSupport.parkNanos(1_000_000L), () -> { }, 1);
        for (int i = 0; i < 20; i++) {
            assertFalse(race.round());
        }
        assertTrue(race.open());
    }

    @Test
    void slackLetsASomewhatSlowerSideWin() {
        VectorWarmup.Race race = new VectorWarmup.Race(() -> LockSupport.parkNanos(1_000_000L),
                () -> LockSupport.parkNanos(1_000_000L), 1000);
        race.round();
        assertTrue(race.round());
    }

    @Test
    void compiledVectorKernelsWinTheirRaces() {
        assumeTrue(VectorSupport.enabled(), "the Vector API is off in this JVM");
        AtomicBoolean gemm = new AtomicBoolean();
        AtomicBoolean lanes = new AtomicBoolean();
        VectorWarmup.race(Sgemm.KERNEL, new SgemmColdKernel(Sgemm.KERNEL), VectorWarmup.MAX_SECONDS * 1_000_000_000L,
                () -> gemm.set(true), () -> lanes.set(true));
        assertTrue(gemm.get(), "the vector GEMM kernel never won its race");
        assertTrue(lanes.get(), "the lanes never won their race");
    }

    @Test
    void productsAndRowsSwitchToTheVectorKernelsOnceWarm() {
        assumeTrue(VectorSupport.enabled(), "the Vector API is off in this JVM");
        SgemmMicroKernel first = VectorWarmup.gemmKernel();
        assertTrue(first == Sgemm.KERNEL || first instanceof SgemmColdKernel, "the first product's kernel: " + first);
        long deadline = System.nanoTime() + VectorWarmup.MAX_SECONDS * 1_000_000_000L;
        while (!(VectorWarmup.gemmWarm() && VectorSupport.lanes()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000L);
        }
        assertEquals(Sgemm.KERNEL, VectorWarmup.gemmKernel());
        assertTrue(VectorSupport.lanes());
    }

    @Test
    void withoutTheVectorApiOnlyThePlainKernelsRun() {
        assumeTrue(!VectorSupport.enabled(), "the Vector API is on in this JVM");
        assertEquals(SgemmScalarKernel.INSTANCE, VectorWarmup.gemmKernel());
        assertFalse(VectorSupport.lanes());
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals(VectorWarmup.THREAD)));
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
