package io.faltung.backend.cpu.kernels;

import io.faltung.spi.DType;

import java.util.Arrays;

/**
 * The FLOAT32 row body shared by BINARY and WHERE when every operand is dense along the row or
 * constant on it (a scalar, or stride 0 as in a bias add): each block of at most
 * {@link Rows#BLOCK} elements hands the body plain {@code float[]} rows with offsets, a constant
 * first spread into a scratch block, so that one dense loop per op serves every case. One instance
 * per chunk of a parallel loop, made and run on the chunk's thread (it borrows that thread's scratch).
 */
final class FloatRows implements StridedLoop.Row {
    /** Computes {@code n} output elements from the operands' rows. */
    @FunctionalInterface
    interface Body {
        /** {@code out[oo + i] = f(in[k][offsets[k] + i]…)} for {@code i < n}. */
        void compute(float[][] in, int[] offsets, float[] out, int oo, int n);
    }

    private final Elementwise frame;
    private final Body body;
    private final float[] out;
    private final float[][] arrays;
    private final int[] offsets;
    /** This thread's scratch rows, taken at the first constant operand; null until then. */
    private Object[] spread;
    /** Per operand: the bits of the value its scratch row holds, and over how many elements. */
    private int[] spreadBits;
    private int[] spreadLength;

    FloatRows(Elementwise frame, int operands, Body body) {
        this.frame = frame;
        this.body = body;
        this.out = (float[]) frame.outArray();
        this.arrays = new float[operands][];
        this.offsets = new int[operands];
    }

    /** Whether every operand of {@code frame} is dense or constant along the row and the output dense. */
    static boolean fit(Elementwise frame, int operands) {
        StridedLoop loop = frame.loop();
        if (loop.innerStride(0) != 1) {
            return false;
        }
        for (int i = 0; i < operands; i++) {
            int slot = frame.slot(i);
            if (slot >= 0 && (!(frame.array(i) instanceof float[])
                    || loop.innerStride(slot) != 1 && loop.innerStride(slot) != 0)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void run(int[] base, int n, long index) {
        for (int from = 0; from < n; from += Rows.BLOCK) {
            int len = Math.min(Rows.BLOCK, n - from);
            for (int i = 0; i < arrays.length; i++) {
                int slot = frame.slot(i);
                if (slot >= 0 && frame.loop().innerStride(slot) == 1) {
                    arrays[i] = (float[]) frame.array(i);
                    offsets[i] = base[slot] + from;
                } else {
                    float v = slot < 0 ? (float) frame.scalar(i) : ((float[]) frame.array(i))[base[slot]];
                    arrays[i] = spread(i, v, len);
                    offsets[i] = 0;
                }
            }
            body.compute(arrays, offsets, out, base[0] + from, len);
        }
    }

    /**
     * Scratch row {@code i} holding {@code len} copies of {@code v}, refilled only when the value
     * changes or the row must grow: a scalar is spread once per chunk, a bias once per row. The rows
     * are the running thread's {@link Scratch} (an instance serves one chunk on one thread, and
     * nothing else on that thread spreads rows in between), so that a kernel call allocates none;
     * what they held before this instance took them is never trusted.
     */
    private float[] spread(int i, float v, int len) {
        if (spread == null) {
            spread = Scratch.arrays(Scratch.Slot.SPREAD, DType.FLOAT32, arrays.length, Rows.BLOCK);
            spreadBits = new int[arrays.length];
            spreadLength = new int[arrays.length];
        }
        float[] row = (float[]) spread[i];
        int bits = Float.floatToRawIntBits(v);
        if (bits != spreadBits[i] || len > spreadLength[i]) {
            Arrays.fill(row, 0, len, v);
            spreadBits[i] = bits;
            spreadLength[i] = len;
        }
        return row;
    }
}
