package io.faltung.backend.cpu.kernels;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Picks the micro-kernel of each FLOAT32 product: the machine's Vector-API kernel
 * ({@link Sgemm#KERNEL}) once C2 has compiled it, its bit-identical plain-Java twin
 * ({@link SgemmColdKernel}) until then. A Vector-API kernel that is not compiled yet runs about a
 * hundred times slower than the twin (every vector is a Java object), and the first training step
 * of a program would otherwise run its products that way: mnist-cnn's first LeNet step spent about
 * half of its time in interpreted GEMM tiles.
 *
 * <p>The vector kernel only gets compiled by running, so the first product also starts one daemon
 * thread, {@value #THREAD}, that races the two kernels on a small tile, round after round, and
 * switches every later product to the vector kernel as soon as a round of the vector kernel runs
 * faster than the twin's fastest round (a slow round can be a preempted one, a fast one cannot).
 * The race stops after {@value #MAX_SECONDS} s without a win: then the JVM does not compile the
 * vector kernel (e.g. {@code -Xint}) and the twin is the faster one. The switch changes no result,
 * since both kernels compute the same bits. With {@value #PROPERTY}{@code =false} the vector kernel
 * runs from the first product and no thread starts.
 */
final class SgemmWarmup {
    /** System property: {@code false} runs the vector kernel from the first product (default {@code true}). */
    static final String PROPERTY = "faltung.cpu.coldKernels";
    static final String THREAD = "faltung-gemm-warmup";
    static final int MAX_SECONDS = 60;
    /** Inner steps per raced tile: enough that C2 compiles the kernel whole after a few hundred rounds, not only its loop. */
    private static final int KC = 32;

    private static final SgemmMicroKernel HOT = Sgemm.KERNEL;
    private static final SgemmMicroKernel COLD = HOT instanceof SgemmScalarKernel
            || "false".equalsIgnoreCase(System.getProperty(PROPERTY)) ? HOT : new SgemmColdKernel(HOT);
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static volatile boolean warm = COLD == HOT;

    private SgemmWarmup() {
    }

    /** The kernel for the next product; the first call starts the race. */
    static SgemmMicroKernel kernel() {
        if (warm) {
            return HOT;
        }
        if (!STARTED.get() && STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(() -> warm = race(HOT, COLD, MAX_SECONDS * 1_000_000_000L), THREAD);
            t.setDaemon(true);
            t.start();
        }
        return COLD;
    }

    /** Whether products run on the vector kernel now. */
    static boolean warm() {
        return warm;
    }

    /**
     * Runs {@code hot} and {@code cold} on the same small tile, round after round, until a round of
     * {@code hot} is faster than the fastest round of {@code cold} twice in a row (true) or
     * {@code maxNanos} have passed (false).
     */
    static boolean race(SgemmMicroKernel hot, SgemmMicroKernel cold, long maxNanos) {
        int mr = hot.mr();
        int nr = hot.nr();
        float[] a = new float[mr * KC];
        float[] b = new float[nr * KC];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % 7 - 3) / 8f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (i % 5 - 2) / 8f;
        }
        float[] c = new float[mr * nr];
        long start = System.nanoTime();
        long fastestCold = Long.MAX_VALUE;
        int wins = 0;
        while (System.nanoTime() - start < maxNanos) {
            long t0 = System.nanoTime();
            hot.tile(KC, a, 0, b, 0, 1f, c, 0, nr);
            long t1 = System.nanoTime();
            cold.tile(KC, a, 0, b, 0, -1f, c, 0, nr);
            long t2 = System.nanoTime();
            fastestCold = Math.min(fastestCold, t2 - t1);
            wins = t1 - t0 < fastestCold ? wins + 1 : 0;
            if (wins == 2) {
                return true;
            }
        }
        return false;
    }
}
