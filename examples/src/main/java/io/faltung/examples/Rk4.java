package io.faltung.examples;

/** The classical fourth-order Runge–Kutta method for {@code y' = f(t, y)} with a fixed step. */
final class Rk4 {
    /** The right-hand side {@code f(t, y)}. */
    @FunctionalInterface
    interface Field {
        double[] at(double t, double[] y);
    }

    private Rk4() {
    }

    /** {@code y(0), y(dt), …, y(steps·dt)} from {@code y0} at t = 0: {@code steps + 1} rows. */
    static double[][] integrate(Field f, double[] y0, double dt, int steps) {
        double[][] out = new double[steps + 1][];
        out[0] = y0.clone();
        for (int n = 0; n < steps; n++) {
            double t = n * dt;
            double[] y = out[n];
            double[] k1 = f.at(t, y);
            double[] k2 = f.at(t + dt / 2, axpy(dt / 2, k1, y));
            double[] k3 = f.at(t + dt / 2, axpy(dt / 2, k2, y));
            double[] k4 = f.at(t + dt, axpy(dt, k3, y));
            double[] next = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                next[i] = y[i] + dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
            out[n + 1] = next;
        }
        return out;
    }

    /** {@code y + a·k}. */
    private static double[] axpy(double a, double[] k, double[] y) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] + a * k[i];
        }
        return out;
    }
}
