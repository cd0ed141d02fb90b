package io.faltung.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faltung.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSeriesTest {

    private static TimeSeries counting(int n, int features) {
        double[][] rows = new double[n][features];
        for (int t = 0; t < n; t++) {
            for (int f = 0; f < features; f++) {
                rows[t][f] = 10 * t + f;
            }
        }
        return TimeSeries.of(rows);
    }

    private static float[] features(Dataset d, int i) {
        float[] out = new float[d.featureShape().intSize()];
        d.copyFeatures(i, out, 0);
        return out;
    }

    private static float[] targets(Dataset d, int i) {
        float[] out = new float[d.targetShape().intSize()];
        d.copyTargets(i, out, 0);
        return out;
    }

    @Test
    void windowsOfAUnivariateSeriesPredictTheNextValues() {
        SlidingWindows w = TimeSeries.of(0, 1, 2, 3, 4, 5, 6).windows(3, 2);
        assertEquals(3, w.size(), "starts 0, 1, 2: the last window needs two values after it");
        assertEquals(Shape.of(3, 1), w.featureShape());
        assertEquals(Shape.of(2), w.targetShape());
        assertArrayEquals(new float[] {2, 3, 4}, features(w, 2));
        assertArrayEquals(new float[] {5, 6}, targets(w, 2));
    }

    @Test
    void multivariateWindowsAreTimeByFeatureAndNeverCrossSeries() {
        SlidingWindows w = SlidingWindows.of(List.of(counting(5, 2), counting(4, 2)), 2, 1, 2);
        assertEquals(Shape.of(2, 2), w.featureShape());
        assertEquals(Shape.of(2), w.targetShape());
        assertEquals(2 + 1, w.size(), "starts 0 and 2 in the first series, 0 in the second");
        assertArrayEquals(new float[] {20, 21, 30, 31}, features(w, 1));
        assertArrayEquals(new float[] {40, 41}, targets(w, 1));
        assertEquals(1, w.seriesOf(2));
        assertEquals(0, w.start(2));
        assertArrayEquals(new float[] {0, 1, 10, 11}, features(w, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> w.seriesOf(3));
    }

    @Test
    void splitsByTimeAndScalesWithTrainingStatistics() {
        TimeSeries s = TimeSeries.of(1, 3, 5, 7, 100, 200);
        TimeSeries.Split split = s.splitAt(4);
        assertArrayEquals(new double[] {1, 3, 5, 7}, split.train().column(0));
        assertArrayEquals(new double[] {100, 200}, split.test().column(0));
        assertEquals(split.train().length(), s.split(0.7).train().length(), "round(0.7 · 6) = 4");
        double[] mean = split.train().mean();
        double[] std = split.train().std();
        assertArrayEquals(new double[] {4}, mean, 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(5)}, std, 1e-12);
        assertArrayEquals(new double[] {96 / Math.sqrt(5), 196 / Math.sqrt(5)},
                split.test().standardized(mean, std).column(0), 1e-12);
    }

    @Test
    void reportsImpossibleRequests() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeSeries.of(1, 2, 3).windows(3, 1));
        assertEquals("series 0 has 3 observations, too few for a window of 3 plus a horizon of 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TimeSeries.of(1, 2).splitAt(2));
        assertEquals("split point 2 must lie inside the series (1 … 1)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SlidingWindows.of(List.of(counting(4, 2), counting(4, 3)), 2, 1, 1));
        assertEquals("series 1 has 3 features, series 0 has 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TimeSeries.of(new double[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> TimeSeries.of(0, 0).standardized(new double[] {0},
                new double[] {0}));
    }
}
