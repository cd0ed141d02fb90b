package io.faltung.backend.cpu.kernels;

import io.faltung.spi.BinaryOp;
import io.faltung.spi.UnaryOp;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps the Vector-API kernels out of the way until C2 has compiled them. Until then a vector
 * kernel runs about a hundred times slower than plain Java (every vector is a Java object, and C2
 * spends its time compiling the Vector API's own fallback code), and the first training step of a
 * program would run its products and rows that way: mnist-cnn's first LeNet step spent about half
 * of its time in interpreted GEMM tiles and a third in interpreted lane rows.
 *
 * <p>So products run on the GEMM kernel's bit-identical plain-Java twin ({@link SgemmColdKernel})
 * and rows on the scalar loops ({@link #lanes()} false) while the vector code is cold. The vector
 * code only gets compiled by running, so the first call starts one daemon thread, {@value #THREAD},
 * that ({@value #START_DELAY_MS} ms later) races each vector kernel against its plain-Java
 * counterpart on small inputs, round after round: the GEMM tile, and one row of every
 * {@link FloatLanes} and {@link PoolLanes} operation.
 * As soon as a vector round is faster than the fastest plain round (times {@link #LANE_SLACK} for
 * the memory-bound rows) twice in a row, every later call uses the vector kernel; a slow round can
 * be a preempted one, a fast one cannot. A race stops after {@value #MAX_SECONDS} s without a win:
 * then this JVM does not compile the vector code (e.g. {@code -Xint}) and plain Java is faster.
 *
 * <p>No result depends on the switch: the twin computes the vector tile's bits, and the lanes
 * compute only operations that they compute exactly as the scalar loops (see {@link FloatLanes}).
 * With {@value #PROPERTY}{@code =false} the vector kernels run from the first call and no thread
 * starts. Without the Vector API ({@link VectorSupport#enabled()} false) the plain-Java kernels
 * are the only ones and nothing starts either.
 */
final class VectorWarmup {
    /** System property: {@code false} runs the vector kernels from the first call (default {@code true}). */
    static final String PROPERTY = "faltung.cpu.coldKernels";
    static final String THREAD = "faltung-vector-warmup";
    static final int MAX_SECONDS = 60;
    /** System property: milliseconds between the first cold call and the start of the races (default {@value #START_DELAY_MS}). */
    static final String DELAY_PROPERTY = "faltung.cpu.warmupDelayMs";
    /**
     * The races start this long after the first cold call, so that the program's first work (a
     * training step) and the compilation of the plain kernels it runs do not share the cores with
     * them: racing at once took a third of the CPU time of mnist-cnn's first step on 2 cores.
     */
    static final long START_DELAY_MS = 500;
    /** Inner steps per raced tile: enough that C2 compiles the kernel whole after a few hundred rounds, not only its loop. */
    private static final int KC = 32;
    /** Elements per raced row: 8 vectors of 8 lanes. */
    private static final int ROW = 64;
    /** A compiled row of lanes may be up to this much slower than the scalar loop and still count as compiled. */
    static final double LANE_SLACK = 2;
    private static final BinaryOp[] BINARY = {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.MAX,
        BinaryOp.MIN, BinaryOp.GT, BinaryOp.GE, BinaryOp.EQ};
    private static final UnaryOp[] UNARY = {UnaryOp.NEG, UnaryOp.ABS, UnaryOp.SQRT, UnaryOp.RELU};

    private static final SgemmMicroKernel HOT = Sgemm.KERNEL;
    private static final boolean OFF = !VectorSupport.ENABLED || "false".equalsIgnoreCase(System.getProperty(PROPERTY));
    private static final SgemmMicroKernel COLD = OFF ? HOT : new SgemmColdKernel(HOT);
    private static final Object LOCK = new Object();
    private static volatile boolean gemmWarm = OFF;
    private static volatile boolean lanesWarm = OFF;
    /** Read without the lock on every cold call: until a race is won (or for good if it is lost) each kernel call asks. */
    private static volatile boolean started;

    private VectorWarmup() {
    }

    /** The GEMM micro-kernel for the next product: the vector one once compiled, its twin until then. */
    static SgemmMicroKernel gemmKernel() {
        if (gemmWarm) {
            return HOT;
        }
        start();
        return COLD;
    }

    /** Whether rows run on {@link FloatLanes} and {@link PoolLanes} now. */
    static boolean lanes() {
        if (lanesWarm) {
            return true;
        }
        start();
        return false;
    }

    /** Whether products run on the vector GEMM kernel now. */
    static boolean gemmWarm() {
        return gemmWarm;
    }

    private static void start() {
        if (started) {
            return;
        }
        synchronized (LOCK) {
            if (started) {
                return;
            }
            started = true;
        }
        Thread t = new Thread(() -> {
            LockSupport.parkNanos(Long.getLong(DELAY_PROPERTY, START_DELAY_MS) * 1_000_000L);
            race(HOT, COLD, MAX_SECONDS * 1_000_000_000L, () -> gemmWarm = true, () -> lanesWarm = true);
        }, THREAD);
        t.setDaemon(true);
        t.start();
    }

    /**
     * Races the GEMM kernel {@code hot} against {@code cold}, and the lanes against the scalar loops,
     * round after round, until both races are won or {@code maxNanos} have passed; runs
     * {@code gemmWon} and {@code lanesWon} when their race is won.
     */
    static void race(SgemmMicroKernel hot, SgemmMicroKernel cold, long maxNanos, Runnable gemmWon, Runnable lanesWon) {
        Race gemm = new Race(new Tile(hot), new Tile(cold), 1);
        Rows rows = new Rows();
        Race lanes = new Race(rows::vector, rows::scalar, LANE_SLACK);
        long deadline = System.nanoTime() + maxNanos;
        while ((gemm.open() || lanes.open()) && System.nanoTime() < deadline) {
            if (gemm.open() && gemm.round()) {
                gemmWon.run();
            }
            if (lanes.open() && lanes.round()) {
                lanesWon.run();
            }
        }
    }

    /**
     * A race of {@code hot} against {@code cold}: won once a round of {@code hot} takes less than
     * {@code slack} times the fastest round of {@code cold}, twice in a row.
     */
    static final class Race {
        private final Runnable hot;
        private final Runnable cold;
        private final double slack;
        private long fastestCold = Long.MAX_VALUE;
        private int wins;

        Race(Runnable hot, Runnable cold, double slack) {
            this.hot = hot;
            this.cold = cold;
            this.slack = slack;
        }

        /** Runs one round of each; returns true when this round won the race. */
        boolean round() {
            long t0 = System.nanoTime();
            hot.run();
            long t1 = System.nanoTime();
            cold.run();
            long t2 = System.nanoTime();
            fastestCold = Math.min(fastestCold, t2 - t1);
            wins = t1 - t0 < slack * fastestCold ? wins + 1 : 0;
            return wins == 2;
        }

        /** Whether the race is still undecided. */
        boolean open() {
            return wins < 2;
        }
    }

    /** One {@value #KC}-step tile of a micro-kernel on fixed panels. */
    private static final class Tile implements Runnable {
        private final SgemmMicroKernel kernel;
        private final float[] a;
        private final float[] b;
        private final float[] c;

        Tile(SgemmMicroKernel kernel) {
            this.kernel = kernel;
            a = ramp(kernel.mr() * KC, 7);
            b = ramp(kernel.nr() * KC, 5);
            c = new float[kernel.mr() * kernel.nr()];
        }

        @Override
        public void run() {
            kernel.tilePacked(KC, a, 0, b, 0, 0.5f, c, 0, kernel.nr());
            kernel.tile(KC, a, 0, 1, kernel.mr(), b, 0, kernel.nr(), 0.5f, c, 0, kernel.nr());
        }
    }

    /** One row of every lane operation, on the vector lanes or on the scalar loops. */
    private static final class Rows {
        private final float[] x = ramp(2 * ROW + 1, 7);
        private final float[] y = ramp(ROW, 5);
        private final float[] o = new float[ROW];
        private final float[] values = new float[ROW];
        private final float[] codes = new float[ROW];

        void vector() {
            for (BinaryOp op : BINARY) {
                FloatLanes.binary(op, x, 0, y, 0, o, 0, ROW);
            }
            for (UnaryOp op : UNARY) {
                FloatLanes.unary(op, x, 0, o, 0, ROW);
            }
            FloatLanes.where(y, 0, x, 0, y, 0, o, 0, ROW);
            PoolLanes.maxRow(x, 0, ROW, ROW / 2, values, null);
            PoolLanes.maxRow(x, 0, ROW, ROW / 2, values, codes);
        }

        void scalar() {
            for (BinaryOp op : BINARY) {
                BinaryKernel.applyFloat(op, x, 0, y, 0, o, 0, ROW);
            }
            for (UnaryOp op : UNARY) {
                UnaryKernel.applyFloat(op, x, 0, o, 0, ROW);
            }
            for (int i = 0; i < ROW; i++) {
                o[i] = y[i] != 0 ? x[i] : y[i];
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < ROW / 2; k++) {
                    values[k] = x[FloatPooling.firstMaxOfFour(x, 2 * k, ROW)];
                }
            }
        }
    }

    /** {@code (i % period - period / 2) / 8} for {@code i < n}: small values of both signs, some zeros. */
    private static float[] ramp(int n, int period) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i % period - period / 2) / 8f;
        }
        return v;
    }
}
