package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.CpuBuffer;
import io.faltung.backend.cpu.Parallel;
import io.faltung.spi.DType;
import io.faltung.spi.Operand;
import io.faltung.spi.Scalar;
import io.faltung.spi.View;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The common frame of the elementwise kernels (COPY, FILL, UNARY, BINARY, WHERE, RANDOM): one
 * {@link StridedLoop} over the output's shape whose operand 0 is the output and whose further
 * operands are the input views; scalar inputs take no loop slot. It checks shapes, gathers and
 * scatters rows through {@link Rows}, and splits large loops over the pool while small ones run on
 * the calling thread with no hand-off at all.
 */
final class Elementwise {
    /** Minimum elements per thread before a loop is split: below this the hand-off costs more than it saves. */
    static final long MIN_CHUNK = 1 << 15;

    private final StridedLoop loop;
    private final Operand[] inputs;
    private final int[] slots;
    private final Object[] arrays;
    private final double[] scalars;
    private final Object outArray;

    /** Frames {@code out = op(inputs…)}; every view input must have the output's shape. */
    Elementwise(Object op, View out, Operand... inputs) {
        this.inputs = inputs;
        this.outArray = CpuBuffer.arrayOf(out);
        this.slots = new int[inputs.length];
        this.arrays = new Object[inputs.length];
        this.scalars = new double[inputs.length];
        View[] views = new View[inputs.length + 1];
        views[0] = out;
        int used = 1;
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] instanceof View v) {
                if (!v.sameShape(out)) {
                    throw new IllegalArgumentException(Dtypes.describe(op) + ": input " + i + " has shape " + Arrays.toString(v.shape())
                            + " but the output has shape " + Arrays.toString(out.shape())
                            + " (broadcast inputs must be expanded with 0-strides)");
                }
                arrays[i] = CpuBuffer.arrayOf(v);
                slots[i] = used;
                views[used++] = v;
            } else {
                slots[i] = -1;
                scalars[i] = Rows.scalarIn((Scalar) inputs[i], outArray);
            }
        }
        this.loop = StridedLoop.over(out.shape(), Arrays.copyOf(views, used));
    }

    StridedLoop loop() {
        return loop;
    }

    Object outArray() {
        return outArray;
    }

    /** The array of view input {@code i} (null for a scalar). */
    Object array(int i) {
        return arrays[i];
    }

    /** Loop slot of input {@code i}, or -1 for a scalar. */
    int slot(int i) {
        return slots[i];
    }

    /** Value of scalar input {@code i}, already rounded to the output's dtype. */
    double scalar(int i) {
        return scalars[i];
    }

    /** Fills {@code dst[0..n)} with input {@code i}'s elements {@code [from, from + n)} of this row. */
    void gather(int i, int[] base, int from, double[] dst, int n) {
        if (slots[i] < 0) {
            Arrays.fill(dst, 0, n, scalars[i]);
        } else {
            int stride = loop.innerStride(slots[i]);
            Rows.load(arrays[i], base[slots[i]] + from * stride, stride, dst, n);
        }
    }

    /** Writes {@code src[0..n)} to the output's elements {@code [from, from + n)} of this row. */
    void scatter(double[] src, int[] base, int from, int n) {
        int stride = loop.innerStride(0);
        Rows.store(src, outArray, base[0] + from * stride, stride, n);
    }

    /**
     * Runs the loop, split over the pool when large; each chunk gets its own body, made on the
     * thread that runs the chunk (so a body may take that thread's {@link Scratch}).
     */
    void run(Parallel pool, Supplier<StridedLoop.Row> bodies) {
        pool.forRange(loop.size(), MIN_CHUNK, (start, end) -> loop.run(start, end, bodies.get()));
    }

    /** Runs {@code block} over every row in blocks of at most {@link Rows#BLOCK} elements. */
    void runBlocks(Parallel pool, BlockBody block) {
        run(pool, () -> {
            double[][] scratch = blockRows(inputs.length + 1);
            return (base, n, index) -> {
                for (int from = 0; from < n; from += Rows.BLOCK) {
                    int len = Math.min(Rows.BLOCK, n - from);
                    for (int i = 0; i < inputs.length; i++) {
                        gather(i, base, from, scratch[i + 1], len);
                    }
                    block.compute(scratch, len, index + from);
                    scatter(scratch[0], base, from, len);
                }
            };
        });
    }

    /**
     * {@code count} double rows of {@link Rows#BLOCK} from the running thread's {@link Scratch}
     * (bodies are made on the thread that runs their chunk, see {@link #run}): a block body fills
     * them and empties them again before the next block, and runs no other kernel in between.
     */
    private static double[][] blockRows(int count) {
        Object[] kept = Scratch.arrays(Scratch.Slot.BLOCKS, DType.FLOAT64, count, Rows.BLOCK);
        double[][] rows = new double[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = (double[]) kept[i];
        }
        return rows;
    }

    /** Computes one block: inputs in {@code rows[1..]}, result into {@code rows[0]}, {@code n} elements. */
    @FunctionalInterface
    interface BlockBody {
        /** {@code index} is the logical index of the block's first element. */
        void compute(double[][] rows, int n, long index);
    }
}
