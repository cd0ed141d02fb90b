package io.faltung.data;

import io.faltung.tensor.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Sliding windows over one or more {@link TimeSeries} of the same features: sample i is a window of
 * {@code window} consecutive observations, features {@code [window, F]} (the layout recurrent layers
 * take), and its target is the {@code horizon} observations right after it, flattened to
 * {@code [horizon·F]} (step after step). Windows start every {@code stride} observations and never
 * cross from one series into the next, so independent trajectories can be pooled.
 *
 * <pre>{@code
 * TimeSeries.Split s = TimeSeries.of(values).splitAt(800);
 * Dataset train = s.train().windows(4, 1);   // [4, 1] → [1]
 * Dataset test = s.test().windows(4, 1);
 * }</pre>
 */
public final class SlidingWindows implements Dataset {
    private final List<TimeSeries> series;
    private final int window;
    private final int horizon;
    private final int stride;
    private final int features;
    private final int[] firstIndex;
    private final int size;

    private SlidingWindows(List<TimeSeries> series, int window, int horizon, int stride) {
        this.series = series;
        this.window = window;
        this.horizon = horizon;
        this.stride = stride;
        this.features = series.get(0).features();
        this.firstIndex = new int[series.size() + 1];
        for (int s = 0; s < series.size(); s++) {
            firstIndex[s + 1] = firstIndex[s] + count(series.get(s).length());
        }
        this.size = firstIndex[series.size()];
    }

    /**
     * Windows of {@code window} observations with the next {@code horizon} as target, starting every
     * {@code stride} observations, over each of {@code series}.
     *
     * @throws IllegalArgumentException if a series is too short for even one window, or the series
     *                                  have different numbers of features
     */
    public static SlidingWindows of(List<TimeSeries> series, int window, int horizon, int stride) {
        if (window < 1 || horizon < 1 || stride < 1) {
            throw new IllegalArgumentException("window (" + window + "), horizon (" + horizon + ") and stride (" + stride
                    + ") must all be at least 1");
        }
        if (series.isEmpty()) {
            throw new IllegalArgumentException("sliding windows need at least one series");
        }
        for (int s = 0; s < series.size(); s++) {
            TimeSeries ts = series.get(s);
            if (ts.length() < window + horizon) {
                throw new IllegalArgumentException("series " + s + " has " + ts.length() + " observations, too few for a"
                        + " window of " + window + " plus a horizon of " + horizon);
            }
            if (ts.features() != series.get(0).features()) {
                throw new IllegalArgumentException("series " + s + " has " + ts.features() + " features, series 0 has "
                        + series.get(0).features());
            }
        }
        return new SlidingWindows(List.copyOf(series), window, horizon, stride);
    }

    private int count(int length) {
        return (length - window - horizon) / stride + 1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Shape featureShape() {
        return Shape.of(window, features);
    }

    @Override
    public Shape targetShape() {
        return Shape.of(horizon * features);
    }

    /** The time at which sample {@code index}'s window starts, within its series. */
    public int start(int index) {
        return (index - firstIndex[seriesOf(index)]) * stride;
    }

    /** Which series sample {@code index} comes from. */
    public int seriesOf(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("window " + index + " of " + size);
        }
        int s = Arrays.binarySearch(firstIndex, index);
        return s >= 0 ? s : -s - 2;
    }

    @Override
    public void copyFeatures(int index, float[] dst, int offset) {
        copy(index, 0, window, dst, offset);
    }

    @Override
    public void copyTargets(int index, float[] dst, int offset) {
        copy(index, window, horizon, dst, offset);
    }

    private void copy(int index, int from, int steps, float[] dst, int offset) {
        double[][] rows = series.get(seriesOf(index)).rows();
        int start = start(index) + from;
        for (int t = 0; t < steps; t++) {
            double[] r = rows[start + t];
            for (int f = 0; f < features; f++) {
                dst[offset + t * features + f] = (float) r[f];
            }
        }
    }
}
