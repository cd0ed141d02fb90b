package io.faltung.testkit.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.spi.Buffer;
import io.faltung.spi.ConvSpec;
import io.faltung.spi.DType;
import io.faltung.spi.PoolSpec;
import io.faltung.spi.View;
import io.faltung.testkit.DeviceArrays;
import io.faltung.testkit.ReferenceBackend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hand-computed answers for the reference convolution, pooling and cell kernels. */
class ReferenceLayerKernelsTest {
    private final ReferenceBackend backend = new ReferenceBackend();
    private final List<Buffer> buffers = new ArrayList<>();

    private View view(int[] shape, double... values) {
        Buffer b = DeviceArrays.upload(backend, DType.FLOAT64, values);
        buffers.add(b);
        return View.contiguous(b, shape);
    }

    private View nan(int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] values = new double[n];
        Arrays.fill(values, Double.NaN);
        return view(shape, values);
    }

    private double[] read(View v) {
        return DeviceArrays.download(backend, v);
    }

    @AfterEach
    void closeAll() {
        buffers.forEach(Buffer::close);
        backend.close();
    }

    @Test
    void convolutionIsCrossCorrelationWithZeroPadding() {
        View x = view(new int[] {1, 1, 2, 3}, 1, 2, 3, 4, 5, 6);
        View w = view(new int[] {1, 1, 2, 2}, 1, 10, 100, 1000);
        View y = nan(1, 1, 1, 2);
        backend.convForward(ConvSpec.unit(), x, w, y);
        assertArrayEquals(new double[] {1 + 20 + 400 + 5000, 2 + 30 + 500 + 6000}, read(y));
        // padding 1, stride 2: windows at rows -1 and 1, columns -1 and 1; out-of-bounds taps are zero
        View yp = nan(1, 1, 2, 2);
        backend.convForward(new ConvSpec(2, 2, 1, 1, 1, 1, 1), x, w, yp);
        assertArrayEquals(new double[] {1000 * 1, 100 * 2 + 1000 * 3, 10 * 4, 5 + 10 * 6}, read(yp));
        // backward data of the unpadded case: dx = Σ dy · w scattered over each window
        View dx = nan(1, 1, 2, 3);
        backend.convBackwardData(ConvSpec.unit(), view(new int[] {1, 1, 1, 2}, 1, 2), w, dx);
        assertArrayEquals(new double[] {1, 10 + 2, 20, 100, 1000 + 200, 2000}, read(dx));
        View dw = nan(1, 1, 2, 2);
        backend.convBackwardFilter(ConvSpec.unit(), x, view(new int[] {1, 1, 1, 2}, 1, 2), dw);
        assertArrayEquals(new double[] {1 + 4, 2 + 6, 4 + 10, 5 + 12}, read(dw));
    }

    @Test
    void groupsReadTheirOwnChannels() {
        View x = view(new int[] {1, 2, 1, 1}, 3, 5);
        View w = view(new int[] {2, 1, 1, 1}, 2, 7);
        View y = nan(1, 2, 1, 1);
        backend.convForward(new ConvSpec(1, 1, 0, 0, 1, 1, 2), x, w, y);
        assertArrayEquals(new double[] {6, 35}, read(y));
    }

    @Test
    void maxPoolingPadsWithMinusInfinityAndRoutesTiesToTheFirst() {
        View x = view(new int[] {1, 1, 2, 2}, -3, -1, -1, -2);
        PoolSpec spec = new PoolSpec(PoolSpec.Mode.MAX, 2, 2, 1, 1, 1, 1);
        View y = nan(1, 1, 3, 3);
        backend.poolForward(spec, x, y);
        assertArrayEquals(new double[] {-3, -1, -1, -1, -1, -1, -1, -1, -2}, read(y));
        View dx = nan(1, 1, 2, 2);
        backend.poolBackward(spec, x, y, view(new int[] {1, 1, 3, 3}, 1, 2, 3, 4, 5, 6, 7, 8, 9), dx);
        // ties between x[0][1] and x[1][0]: the window centred at (1,1) routes to the first in row-major order
        assertArrayEquals(new double[] {1, 2 + 3 + 5 + 6, 4 + 7 + 8, 9}, read(dx));
    }

    @Test
    void averagePoolingDividesByTheWindowOrByTheInputsInside() {
        View x = view(new int[] {1, 1, 1, 2}, 2, 4);
        View include = nan(1, 1, 1, 3);
        View exclude = nan(1, 1, 1, 3);
        backend.poolForward(new PoolSpec(PoolSpec.Mode.AVG_INCLUDE_PADDING, 1, 2, 1, 1, 0, 1), x, include);
        backend.poolForward(new PoolSpec(PoolSpec.Mode.AVG_EXCLUDE_PADDING, 1, 2, 1, 1, 0, 1), x, exclude);
        assertArrayEquals(new double[] {1, 3, 2}, read(include));
        assertArrayEquals(new double[] {2, 3, 4}, read(exclude));
    }

    @Test
    void lstmCellAtZeroGates() {
        View gates = view(new int[] {1, 4}, 0, 0, 0, 0);
        View cPrev = view(new int[] {1, 1}, 2);
        View h = nan(1, 1);
        View c = nan(1, 1);
        View saved = nan(1, 4);
        backend.lstmCellForward(gates, cPrev, h, c, saved);
        assertArrayEquals(new double[] {1}, read(c));
        assertArrayEquals(new double[] {0.5 * Math.tanh(1)}, read(h), 1e-15);
        assertArrayEquals(new double[] {0.5, 0.5, 0, 0.5}, read(saved));
        View dGates = nan(1, 4);
        View dcPrev = nan(1, 1);
        backend.lstmCellBackward(view(new int[] {1, 1}, 0), view(new int[] {1, 1}, 1), saved, cPrev, c, dGates, dcPrev);
        // dc = 1: di = g·σ' = 0, df = cPrev·σ' = 2·0.25, dg = i·(1 − g²) = 0.5, do = 0
        assertArrayEquals(new double[] {0, 0.5, 0.5, 0}, read(dGates));
        assertArrayEquals(new double[] {0.5}, read(dcPrev));
    }

    @Test
    void gruCellAppliesTheResetGateToTheHiddenPart() {
        View xGates = view(new int[] {1, 3}, 0, 0, 0.5);
        View hGates = view(new int[] {1, 3}, 0, 0, 1);
        View hPrev = view(new int[] {1, 1}, 3);
        View h = nan(1, 1);
        View saved = nan(1, 3);
        backend.gruCellForward(xGates, hGates, hPrev, h, saved);
        double n = Math.tanh(0.5 + 0.5 * 1);
        assertArrayEquals(new double[] {0.5, 0.5, n}, read(saved), 1e-15);
        assertArrayEquals(new double[] {0.5 * n + 0.5 * 3}, read(h), 1e-15);
    }

    @Test
    void stridedOperandsAreRejected() {
        View x = view(new int[] {1, 1, 2, 2}, 1, 2, 3, 4);
        View transposed = new View(x.buffer(), x.shape(), new int[] {4, 4, 1, 2}, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.poolForward(new PoolSpec(PoolSpec.Mode.MAX, 1, 1, 1, 1, 0, 0), transposed, nan(1, 1, 2, 2)));
        assertTrue(e.getMessage().contains("contiguous"), e.getMessage());
    }
}
