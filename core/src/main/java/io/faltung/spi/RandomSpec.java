package io.faltung.spi;

/**
 * A distribution for {@link Backend#random}. The stream is counter-based (Philox-4x32-10), so every
 * backend produces the same numbers for the same seed and offset:
 *
 * <ul>
 *   <li>element {@code i} (row-major logical index of the output) takes the Philox-4x32-10 block
 *       with key {@code (seed low 32 bits, seed high 32 bits)} and counter
 *       {@code (c low 32 bits, c high 32 bits, 0, 0)} where {@code c = offset + i}, giving four
 *       32-bit words {@code x0..x3};</li>
 *   <li>a uniform in [0, 1) is {@code (x0 >>> 8) · 2^-24} (FLOAT32) or
 *       {@code ((x0 >>> 5) · 2^26 + (x1 >>> 6)) · 2^-53} (FLOAT64);</li>
 *   <li>UNIFORM maps it to {@code [a, b)}; BERNOULLI is 1 when it is below {@code a}, else 0;</li>
 *   <li>NORMAL uses Box–Muller on {@code u1 = ((x2 >>> 8) + 1) · 2^-24} (in (0, 1]) and
 *       {@code u2 = (x3 >>> 8) · 2^-24}: {@code a + b · sqrt(−2 ln u1) · cos(2π u2)}.</li>
 * </ul>
 *
 * A caller that draws {@code n} numbers advances its offset by {@code n} to continue the stream.
 */
public record RandomSpec(Distribution distribution, double a, double b) {

    /** Shapes of distribution. */
    public enum Distribution { UNIFORM, NORMAL, BERNOULLI }

    /** Uniform on {@code [low, high)}. */
    public static RandomSpec uniform(double low, double high) {
        return new RandomSpec(Distribution.UNIFORM, low, high);
    }

    /** Normal with the given mean and standard deviation. */
    public static RandomSpec normal(double mean, double std) {
        return new RandomSpec(Distribution.NORMAL, mean, std);
    }

    /** 1 with probability {@code p}, else 0. */
    public static RandomSpec bernoulli(double p) {
        return new RandomSpec(Distribution.BERNOULLI, p, 0);
    }
}
