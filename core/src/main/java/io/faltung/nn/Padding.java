package io.faltung.nn;

import java.util.Locale;

/**
 * How a convolution or pooling layer pads each spatial axis with zeros before sliding its window.
 * For an axis of length {@code n}, kernel {@code k}, stride {@code s} and dilation {@code d} (the
 * window spans {@code e = d·(k − 1) + 1} samples):
 * <ul>
 *   <li>{@link #VALID} — no padding; {@code ⌊(n − e) / s⌋ + 1} outputs, the window never leaves the input;</li>
 *   <li>{@link #SAME} — {@code ⌈n / s⌉} outputs (the input length for stride 1), padding split as evenly as
 *       possible with the odd element at the end (TensorFlow/Keras, PyTorch {@code padding='same'});</li>
 *   <li>{@link #CAUSAL} — 1-D only: {@code e − 1} zeros before the signal and none after, so output
 *       {@code t} depends on inputs {@code ≤ t} only (Keras {@code causal});</li>
 *   <li>{@link #FULL} — {@code e − 1} zeros on both sides, every partial overlap (NumPy {@code convolve(mode='full')}):
 *       {@code n + e − 1} outputs for stride 1.</li>
 * </ul>
 */
public enum Padding {
    /** No padding. */
    VALID,
    /** Output length {@code ⌈n / s⌉}; extra zero at the end when the total padding is odd. */
    SAME,
    /** {@code d·(k − 1)} zeros before, none after (1-D layers only). */
    CAUSAL,
    /** {@code d·(k − 1)} zeros on both sides. */
    FULL;

    /**
     * The zeros {@code {before, after}} this mode adds to an axis of {@code length} for a window of
     * {@code kernel} taps spaced {@code dilation} apart, moved by {@code stride}.
     */
    int[] amounts(int length, int kernel, int stride, int dilation) {
        int extent = dilation * (kernel - 1) + 1;
        switch (this) {
            case VALID:
                return new int[] {0, 0};
            case CAUSAL:
                return new int[] {extent - 1, 0};
            case FULL:
                return new int[] {extent - 1, extent - 1};
            default:
                int outputs = (length + stride - 1) / stride;
                int total = Math.max((outputs - 1) * stride + extent - length, 0);
                return new int[] {total / 2, total - total / 2};
        }
    }

    /** The lower-case name used in layer descriptions, e.g. {@code causal}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
