package io.faltung.optim.minimize;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, Algorithm 7.4/7.5). The direction is
 * {@code d = −H·g}, with the inverse-Hessian approximation H applied by the two-loop recursion
 * over the last m pairs {@code sₖ = xₖ₊₁ − xₖ}, {@code yₖ = gₖ₊₁ − gₖ}:
 * <pre>
 *   q ← g;  for k newest→oldest: ρₖ = 1/(yₖ·sₖ), αₖ = ρₖ·sₖ·q, q ← q − αₖ·yₖ
 *   r ← (s·y / y·y)·q   (newest pair)
 *   for k oldest→newest: β = ρₖ·yₖ·r, r ← r + sₖ·(αₖ − β)
 *   d = −r
 * </pre>
 * and the step along d comes from a {@link WolfeLineSearch strong-Wolfe line search}, trying
 * a = 1 first (a = min(1, 1/‖g‖₁) on the first iteration, when H is the identity). Pairs with
 * {@code s·y ≤ 1e-10·‖s‖·‖y‖} are not stored (they would break positive definiteness).
 */
final class Lbfgs {
    private static final double CURVATURE_FLOOR = 1e-10;

    private final int memory;
    private final Deque<double[]> s = new ArrayDeque<>();
    private final Deque<double[]> y = new ArrayDeque<>();
    private final Deque<Double> rho = new ArrayDeque<>();

    Lbfgs(int memory) {
        if (memory < 1) {
            throw new IllegalArgumentException("L-BFGS memory must be ≥ 1, got " + memory);
        }
        this.memory = memory;
    }

    /**
     * Minimises from {@code x0} until the largest gradient component is at most
     * {@code gradientTolerance}, {@code maxIterations} iterations have run, or the line search
     * finds no lower point (the limit of float64 precision); reports every iterate.
     */
    double[] run(Objective f, double[] x0, int maxIterations, double gradientTolerance, Consumer<Iterate> trace) {
        Point p = Point.evaluate(f, x0);
        trace.accept(p.iterate(0));
        for (int k = 1; k <= maxIterations && Vectors.maxAbs(p.gradient()) > gradientTolerance; k++) {
            double[] d = direction(p.gradient());
            if (!(Vectors.dot(d, p.gradient()) < 0)) {
                forget();
                d = Vectors.step(new double[d.length], -1, p.gradient());
            }
            double initial = s.isEmpty() ? Math.min(1, 1 / Vectors.sumAbs(p.gradient())) : 1;
            Point next = WolfeLineSearch.search(f, p, d, initial);
            if (next == null) {
                break;
            }
            remember(Vectors.difference(next.x(), p.x()), Vectors.difference(next.gradient(), p.gradient()));
            p = next;
            trace.accept(p.iterate(k));
        }
        return p.x();
    }

    private double[] direction(double[] g) {
        double[] q = g.clone();
        double[] alpha = new double[s.size()];
        Iterator<double[]> si = s.descendingIterator();
        Iterator<double[]> yi = y.descendingIterator();
        Iterator<Double> ri = rho.descendingIterator();
        for (int k = alpha.length - 1; k >= 0; k--) {
            double[] sk = si.next();
            double[] yk = yi.next();
            alpha[k] = ri.next() * Vectors.dot(sk, q);
            q = Vectors.step(q, -alpha[k], yk);
        }
        double gamma = s.isEmpty() ? 1 : Vectors.dot(s.getLast(), y.getLast()) / Vectors.dot(y.getLast(), y.getLast());
        double[] r = Vectors.step(new double[q.length], gamma, q);
        si = s.iterator();
        yi = y.iterator();
        ri = rho.iterator();
        for (int k = 0; k < alpha.length; k++) {
            double[] sk = si.next();
            double beta = ri.next() * Vectors.dot(yi.next(), r);
            r = Vectors.step(r, alpha[k] - beta, sk);
        }
        return Vectors.step(new double[r.length], -1, r);
    }

    private void remember(double[] sk, double[] yk) {
        double sy = Vectors.dot(sk, yk);
        if (!(sy > CURVATURE_FLOOR * Math.sqrt(Vectors.dot(sk, sk) * Vectors.dot(yk, yk)))) {
            return;
        }
        if (s.size() == memory) {
            s.removeFirst();
            y.removeFirst();
            rho.removeFirst();
        }
        s.addLast(sk);
        y.addLast(yk);
        rho.addLast(1 / sy);
    }

    private void forget() {
        s.clear();
        y.clear();
        rho.clear();
    }
}
