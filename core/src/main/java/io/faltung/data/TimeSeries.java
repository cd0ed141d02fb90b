package io.faltung.data;

import java.util.Arrays;
import java.util.List;

/**
 * Equally spaced observations of one or more features over time, held on the host: the raw
 * material of sequence models. Immutable; cut it by time with {@link #range} and {@link #splitAt},
 * scale it with statistics of the training part only ({@link #mean()}, {@link #std()},
 * {@link #standardized}), and turn it into a training set with {@link #windows}.
 */
public final class TimeSeries {
    private final double[][] rows;

    private TimeSeries(double[][] rows) {
        this.rows = rows;
    }

    /** A series of one feature. */
    public static TimeSeries of(double... values) {
        double[][] rows = new double[values.length][];
        for (int t = 0; t < values.length; t++) {
            rows[t] = new double[] {values[t]};
        }
        return of(rows);
    }

    /** A series whose observation at time t is {@code rows[t]} (every row the same length ≥ 1; copied). */
    public static TimeSeries of(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("a time series needs at least one observation");
        }
        int features = rows[0].length;
        double[][] copy = new double[rows.length][];
        for (int t = 0; t < rows.length; t++) {
            if (rows[t].length != features || features == 0) {
                throw new IllegalArgumentException("observation " + t + " has " + rows[t].length + " features, observation 0 has "
                        + features + "; every observation needs the same number ≥ 1");
            }
            copy[t] = rows[t].clone();
        }
        return new TimeSeries(copy);
    }

    /** The number of observations. */
    public int length() {
        return rows.length;
    }

    /** The number of features per observation. */
    public int features() {
        return rows[0].length;
    }

    /** Feature {@code f} at time {@code t}. */
    public double get(int t, int f) {
        return rows[t][f];
    }

    /** The observation at time {@code t} (a copy). */
    public double[] row(int t) {
        return rows[t].clone();
    }

    /** Feature {@code f} over time (a copy). */
    public double[] column(int f) {
        double[] out = new double[rows.length];
        for (int t = 0; t < rows.length; t++) {
            out[t] = rows[t][f];
        }
        return out;
    }

    /** The observations {@code [from, to)}. */
    public TimeSeries range(int from, int to) {
        if (from < 0 || to > rows.length || from >= to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") of a series of " + rows.length
                    + " observations (must be non-empty)");
        }
        return new TimeSeries(Arrays.copyOfRange(rows, from, to));
    }

    /**
     * Splits by time: the observations before {@code at} and those from {@code at} on — never
     * shuffled, so that nothing of the test period leaks into training.
     */
    public Split splitAt(int at) {
        if (at <= 0 || at >= rows.length) {
            throw new IllegalArgumentException("split point " + at + " must lie inside the series (1 … "
                    + (rows.length - 1) + ")");
        }
        return new Split(range(0, at), range(at, rows.length));
    }

    /** Splits by time with the first {@code fraction} of the observations in the training part. */
    public Split split(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("the training fraction must lie in (0, 1), not " + fraction);
        }
        return splitAt((int) Math.round(fraction * rows.length));
    }

    /**
     * A series cut in two at a time point.
     *
     * @param train the earlier part
     * @param test  the later part
     */
    public record Split(TimeSeries train, TimeSeries test) {
    }

    /** The mean of each feature. */
    public double[] mean() {
        double[] m = new double[features()];
        for (double[] r : rows) {
            for (int f = 0; f < m.length; f++) {
                m[f] += r[f] / rows.length;
            }
        }
        return m;
    }

    /** The (population) standard deviation of each feature. */
    public double[] std() {
        double[] m = mean();
        double[] v = new double[m.length];
        for (double[] r : rows) {
            for (int f = 0; f < m.length; f++) {
                v[f] += (r[f] - m[f]) * (r[f] - m[f]) / rows.length;
            }
        }
        for (int f = 0; f < v.length; f++) {
            v[f] = Math.sqrt(v[f]);
        }
        return v;
    }

    /** {@code (x − mean) / std} per feature; take both from the training part and apply them to every part. */
    public TimeSeries standardized(double[] mean, double[] std) {
        if (mean.length != features() || std.length != features()) {
            throw new IllegalArgumentException(features() + " features need as many means and standard deviations, not "
                    + mean.length + " and " + std.length);
        }
        double[][] out = new double[rows.length][features()];
        for (int t = 0; t < rows.length; t++) {
            for (int f = 0; f < features(); f++) {
                if (!(std[f] > 0)) {
                    throw new IllegalArgumentException("feature " + f + " has standard deviation " + std[f]
                            + "; it must be > 0 to scale by it");
                }
                out[t][f] = (rows[t][f] - mean[f]) / std[f];
            }
        }
        return new TimeSeries(out);
    }

    /**
     * Every window of {@code window} consecutive observations, as features {@code [window, F]}, with
     * the {@code horizon} observations that follow it as the target {@code [horizon·F]}.
     */
    public SlidingWindows windows(int window, int horizon) {
        return SlidingWindows.of(List.of(this), window, horizon, 1);
    }

    double[][] rows() {
        return rows;
    }
}
