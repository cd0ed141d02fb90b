package io.faltung.backend.cpu;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * A persistent pool of daemon threads, one per core (the calling thread counts as one), for the
 * kernels whose work pays for a hand-off: GEMM and large elementwise or reduction ops. Small work
 * never touches the pool. Calls made from inside a pool thread run serially, so nesting cannot
 * deadlock. Idle workers and waiting callers spin briefly (50 µs) before blocking.
 */
public final class Parallel implements AutoCloseable {
    /** System property overriding the thread count (default: available processors). */
    public static final String THREADS_PROPERTY = "faltung.cpu.threads";

    /**
     * How long an idle worker, and a caller waiting for its helpers, spin before they block: long
     * enough to bridge the gap between two kernels of a step, short enough to cost little when idle.
     */
    private static final long SPIN_NANOS = 50_000;

    private final int threads;
    private final ExecutorService pool;

    /** A pool of {@code threads} threads in all, the caller included. */
    public Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        this.threads = threads;
        AtomicInteger serial = new AtomicInteger();
        this.pool = threads == 1 ? null : new ThreadPoolExecutor(threads - 1, threads - 1, 0, TimeUnit.MILLISECONDS,
                new SpinningQueue(), r -> {
                    Thread t = new Worker(r, "faltung-cpu-" + serial.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Thread count from {@value #THREADS_PROPERTY} or the number of available processors. */
    public static int defaultThreads() {
        String configured = System.getProperty(THREADS_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            try {
                return Math.max(1, Integer.parseInt(configured.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(THREADS_PROPERTY + " must be an integer, got '" + configured + "'", e);
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** Number of threads that share work, the caller included. */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code body.accept(t)} for every {@code t} in {@code [0, tasks)}, spread over the pool and
     * the calling thread; returns when all are done and rethrows the first failure (tasks not yet
     * started when a task fails are skipped).
     *
     * <p>Tasks are handed out one at a time and completion is counted per task, not per helper: when
     * the machine is busy and a helper thread is not scheduled in time, the caller runs the tasks
     * itself and returns without waiting for that helper to wake up.
     */
    public void forEach(int tasks, IntConsumer body) {
        int helpers = Math.min(threads, tasks) - 1;
        if (helpers <= 0 || Thread.currentThread() instanceof Worker) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger remaining = new AtomicInteger(tasks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Runnable drain = () -> {
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                if (failure.get() == null) {
                    try {
                        body.accept(t);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }
                if (remaining.decrementAndGet() == 0) {
                    done.countDown();
                }
            }
        };
        for (int h = 0; h < helpers; h++) {
            pool.execute(drain);
        }
        drain.run();
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (done.getCount() != 0 && System.nanoTime() < spinUntil) {
            Thread.onSpinWait();
        }
        awaitUninterruptibly(done);
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) {
            throw re;
        } else if (e instanceof Error err) {
            throw err;
        } else if (e != null) {
            throw new IllegalStateException(e);
        }
    }

    /** Range body of {@link #forRange}: handles the elements {@code [start, end)}. */
    @FunctionalInterface
    public interface RangeBody {
        /** Processes {@code [start, end)}. */
        void run(long start, long end);
    }

    /**
     * Splits {@code [0, n)} into one contiguous chunk per thread when every chunk gets at least
     * {@code minChunk} elements; otherwise runs the whole range on the calling thread.
     */
    public void forRange(long n, long minChunk, RangeBody body) {
        int chunks = (int) Math.min(threads, n / Math.max(1, minChunk));
        if (chunks <= 1) {
            body.run(0, n);
            return;
        }
        forEach(chunks, c -> body.run(n * c / chunks, n * (c + 1) / chunks));
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the pool threads. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    /**
     * The pool's task queue: an idle worker polls it for {@code SPIN_NANOS} before blocking, so the
     * next kernel of a step, typically a few microseconds later, finds it awake instead of paying a
     * park/unpark round trip (tens of microseconds, more on a busy machine).
     */
    private static final class SpinningQueue extends LinkedBlockingQueue<Runnable> {
        private static final long serialVersionUID = 1L;

        @Override
        public Runnable take() throws InterruptedException {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            do {
                Runnable r = poll();
                if (r != null) {
                    return r;
                }
                Thread.onSpinWait();
            } while (System.nanoTime() < spinUntil);
            return super.take();
        }
    }

    private static final class Worker extends Thread {
        Worker(Runnable r, String name) {
            super(r, name);
        }
    }
}
