package io.faltung.backend.cpu.kernels;

import io.faltung.spi.DType;

/**
 * Per-thread working arrays of the convolution, pooling, cell and elementwise kernels, grown on demand and kept
 * for the thread's life, so that a training step allocates nothing in these kernels after the
 * first. Each use has its own slot, so a thread that is both a caller (holding, say, the partial
 * filter gradients of its helpers) and a worker (lowering one image) never hands out one array
 * twice. Arrays are returned as they were left: callers initialise what they read.
 */
final class Scratch {
    /** What an array is for; one array (or one set) per slot and thread. */
    enum Slot {
        /** im2col / col2im matrix of a batch of images. */
        COLUMNS,
        /** Output (or output-gradient) rows of a batch of images side by side. */
        GRADIENTS,
        /** Partial filter gradients, one per task, held by the calling thread. */
        PARTIALS,
        /** First double row of the pooling and cell kernels. */
        ROW_A,
        /** Second double row. */
        ROW_B,
        /** Third double row. */
        ROW_C,
        /** Fourth double row. */
        ROW_D,
        /** Fifth double row. */
        ROW_E,
        /** Constant operands spread into float rows ({@link FloatRows}). */
        SPREAD,
        /** Gathered double rows of the elementwise block path ({@link Elementwise#runBlocks}). */
        BLOCKS,
        /** The double row through which {@link ReduceKernel} writes its result. */
        REDUCED
    }

    private static final ThreadLocal<Object[]> LOCAL = ThreadLocal.withInitial(() -> new Object[Slot.values().length]);

    private Scratch() {
    }

    /** A {@code float[]} (FLOAT32) or {@code double[]} (FLOAT64) of at least {@code size} elements. */
    static Object array(Slot slot, DType dtype, int size) {
        Object[] slots = LOCAL.get();
        Object a = slots[slot.ordinal()];
        if (!fits(a, dtype, size)) {
            a = allocate(dtype, size);
            slots[slot.ordinal()] = a;
        }
        return a;
    }

    /** A {@code double[]} of at least {@code size} elements. */
    static double[] doubles(Slot slot, int size) {
        return (double[]) array(slot, DType.FLOAT64, size);
    }

    /** {@code count} arrays of at least {@code size} elements each, kept together in one slot. */
    static Object[] arrays(Slot slot, DType dtype, int count, int size) {
        Object[] slots = LOCAL.get();
        Object[] set = slots[slot.ordinal()] instanceof Object[] s && s.length >= count ? s : new Object[count];
        for (int i = 0; i < count; i++) {
            if (!fits(set[i], dtype, size)) {
                set[i] = allocate(dtype, size);
            }
        }
        slots[slot.ordinal()] = set;
        return set;
    }

    private static boolean fits(Object a, DType dtype, int size) {
        return dtype == DType.FLOAT32 ? a instanceof float[] f && f.length >= size : a instanceof double[] d && d.length >= size;
    }

    private static Object allocate(DType dtype, int size) {
        return switch (dtype) {
            case FLOAT32 -> new float[size];
            case FLOAT64 -> new double[size];
            case INT32 -> throw new IllegalArgumentException("no INT32 scratch arrays");
        };
    }
}
