package io.faltung.optim.minimize;

/**
 * A line search for the strong Wolfe conditions (Nocedal &amp; Wright, Algorithms 3.5 and 3.6):
 * find a step a along a descent direction d with
 * <pre>
 *   φ(a) ≤ φ(0) + c₁·a·φ'(0)        (sufficient decrease, c₁ = 1e-4)
 *   |φ'(a)| ≤ c₂·|φ'(0)|            (curvature, c₂ = 0.9)
 * </pre>
 * where {@code φ(a) = f(x + a·d)}. The step grows by doubling until it brackets an acceptable
 * point, then the bracket is shrunk by safeguarded cubic interpolation (bisection when the cubic
 * has no minimiser or a value is not finite).
 */
final class WolfeLineSearch {
    static final double C1 = 1e-4;
    static final double C2 = 0.9;
    private static final int MAX_EVALUATIONS = 40;

    /** A trial step with its point and slope φ'(a). */
    private record Trial(double a, Point point, double slope) {
        double value() {
            return point.value();
        }
    }

    private final Objective f;
    private final Point start;
    private final double[] direction;
    private final double slope0;
    private int evaluations;

    private WolfeLineSearch(Objective f, Point start, double[] direction) {
        this.f = f;
        this.start = start;
        this.direction = direction;
        this.slope0 = Vectors.dot(start.gradient(), direction);
    }

    /**
     * A point along {@code direction} (a descent direction) from {@code start}, trying step
     * {@code initial} first; {@code null} if no point with sufficient decrease was found.
     */
    static Point search(Objective f, Point start, double[] direction, double initial) {
        return new WolfeLineSearch(f, start, direction).run(initial);
    }

    private Point run(double initial) {
        Trial previous = new Trial(0, start, slope0);
        double a = initial;
        while (evaluations < MAX_EVALUATIONS) {
            Trial t = trial(a);
            if (!decreasesEnough(t) || (previous.a() > 0 && t.value() >= previous.value())) {
                return zoom(previous, t);
            }
            if (Math.abs(t.slope()) <= -C2 * slope0) {
                return t.point();
            }
            if (t.slope() >= 0) {
                return zoom(t, previous);
            }
            previous = t;
            a *= 2;
        }
        return previous.a() > 0 ? previous.point() : null;
    }

    /** Shrinks the bracket between {@code lo} (the best point so far) and {@code hi}. */
    private Point zoom(Trial lo, Trial hi) {
        while (evaluations < MAX_EVALUATIONS) {
            double width = Math.abs(hi.a() - lo.a());
            if (width * Vectors.maxAbs(direction) <= Math.ulp(1.0) * (1 + Vectors.maxAbs(lo.point().x()))) {
                break;
            }
            Trial t = trial(interpolate(lo, hi));
            if (!decreasesEnough(t) || t.value() >= lo.value()) {
                hi = t;
            } else {
                if (Math.abs(t.slope()) <= -C2 * slope0) {
                    return t.point();
                }
                if (t.slope() * (hi.a() - lo.a()) >= 0) {
                    hi = lo;
                }
                lo = t;
            }
        }
        return lo.a() > 0 ? lo.point() : null;
    }

    private boolean decreasesEnough(Trial t) {
        return Double.isFinite(t.value()) && t.value() <= start.value() + C1 * t.a() * slope0;
    }

    private Trial trial(double a) {
        evaluations++;
        Point p = Point.evaluate(f, Vectors.step(start.x(), a, direction));
        return new Trial(a, p, Vectors.dot(p.gradient(), direction));
    }

    /**
     * The minimiser of the cubic through both ends' values and slopes, kept at least a tenth of the
     * bracket away from its ends; the midpoint when there is no such minimiser.
     */
    private static double interpolate(Trial lo, Trial hi) {
        double a1 = lo.a();
        double a2 = hi.a();
        double low = Math.min(a1, a2);
        double high = Math.max(a1, a2);
        double margin = 0.1 * (high - low);
        double d1 = lo.slope() + hi.slope() - 3 * (lo.value() - hi.value()) / (a1 - a2);
        double square = d1 * d1 - lo.slope() * hi.slope();
        if (!(square >= 0) || !Double.isFinite(hi.value())) {
            return (low + high) / 2;
        }
        double d2 = Math.copySign(Math.sqrt(square), a2 - a1);
        double a = a2 - (a2 - a1) * (hi.slope() + d2 - d1) / (hi.slope() - lo.slope() + 2 * d2);
        if (!Double.isFinite(a)) {
            return (low + high) / 2;
        }
        return Math.min(Math.max(a, low + margin), high - margin);
    }
}
