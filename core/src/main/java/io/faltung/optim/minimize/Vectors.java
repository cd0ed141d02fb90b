package io.faltung.optim.minimize;

/** The few dense double-vector operations the minimisers need. */
final class Vectors {
    private Vectors() {
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** {@code x + a·d}. */
    static double[] step(double[] x, double a, double[] d) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + a * d[i];
        }
        return out;
    }

    /** {@code a − b}. */
    static double[] difference(double[] a, double[] b) {
        return step(a, -1, b);
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static double sumAbs(double[] a) {
        double s = 0;
        for (double v : a) {
            s += Math.abs(v);
        }
        return s;
    }
}
