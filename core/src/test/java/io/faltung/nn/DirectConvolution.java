package io.faltung.nn;

/**
 * Cross-correlation written as the textbook loop over every output, input channel and tap, with
 * explicit zero padding {@code before/after} per axis — the test's independent reference for the
 * convolution layers. Arrays are row-major {@code x [N, C, H, W]}, {@code w [K, C/groups, R, S]}; a
 * 1-D signal is H = R = 1.
 */
final class DirectConvolution {
    private DirectConvolution() {
    }

    /** The output extents {@code {P, Q}}. */
    static int[] outputSize(int h, int w, int r, int s, int[] stride, int[] dilation, int[][] pads) {
        int p = (h + pads[0][0] + pads[0][1] - dilation[0] * (r - 1) - 1) / stride[0] + 1;
        int q = (w + pads[1][0] + pads[1][1] - dilation[1] * (s - 1) - 1) / stride[1] + 1;
        return new int[] {p, q};
    }

    /**
     * {@code y[n, k, i, j] = b[k] + Σ_c Σ_r Σ_s w[k, c, r, s] · x[n, g·C/G + c, i·sh + r·dh − padTop, j·sw + s·dw − padLeft]}.
     */
    static double[] compute(double[] x, int[] xs, double[] w, int[] ws, double[] bias, int[] stride, int[] dilation,
            int[][] pads, int groups) {
        int n = xs[0];
        int c = xs[1];
        int h = xs[2];
        int wd = xs[3];
        int k = ws[0];
        int cg = ws[1];
        int r = ws[2];
        int s = ws[3];
        int[] pq = outputSize(h, wd, r, s, stride, dilation, pads);
        double[] y = new double[n * k * pq[0] * pq[1]];
        int kPerGroup = k / groups;
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < k; o++) {
                int group = o / kPerGroup;
                for (int i = 0; i < pq[0]; i++) {
                    for (int j = 0; j < pq[1]; j++) {
                        double sum = bias == null ? 0 : bias[o];
                        for (int ci = 0; ci < cg; ci++) {
                            int channel = group * cg + ci;
                            for (int ri = 0; ri < r; ri++) {
                                int row = i * stride[0] + ri * dilation[0] - pads[0][0];
                                for (int si = 0; si < s; si++) {
                                    int col = j * stride[1] + si * dilation[1] - pads[1][0];
                                    if (row >= 0 && row < h && col >= 0 && col < wd) {
                                        sum += w[((o * cg + ci) * r + ri) * s + si] * x[((b * c + channel) * h + row) * wd + col];
                                    }
                                }
                            }
                        }
                        y[((b * k + o) * pq[0] + i) * pq[1] + j] = sum;
                    }
                }
            }
        }
        return y;
    }

    /** Zeros {@code {before, after}} of each mode, from the definitions in {@link Padding}'s Javadoc. */
    static int[] pads(Padding mode, int length, int kernel, int stride, int dilation) {
        int span = dilation * (kernel - 1);
        switch (mode) {
            case VALID:
                return new int[] {0, 0};
            case CAUSAL:
                return new int[] {span, 0};
            case FULL:
                return new int[] {span, span};
            default:
                int outputs = (int) Math.ceil(length / (double) stride);
                int total = Math.max(0, (outputs - 1) * stride + span + 1 - length);
                return new int[] {total / 2, (total + 1) / 2};
        }
    }
}
