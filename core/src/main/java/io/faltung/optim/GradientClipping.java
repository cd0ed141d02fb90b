package io.faltung.optim;

import io.faltung.autograd.NoGrad;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Limits gradients in place before an update; set it on an optimiser with
 * {@link GradientOptimizer#clipping(GradientClipping)} or call {@link #apply(List)} directly.
 * <ul>
 *   <li>{@link #byGlobalNorm(double) by global norm} (PyTorch {@code clip_grad_norm_}): with
 *       {@code N = sqrt(Σ_p Σ g²)} over all gradients, every gradient is multiplied by
 *       {@code min(1, maxNorm / (N + 1e-6))}, so the direction is kept and the norm is at most
 *       {@code maxNorm}. A non-finite N is not corrected (the gradients become non-finite).</li>
 *   <li>{@link #byValue(double) by value} (PyTorch {@code clip_grad_value_}): every element is
 *       clamped to {@code [-limit, limit]}.</li>
 * </ul>
 */
public final class GradientClipping {
    /** PyTorch's guard against division by a zero norm. */
    static final double NORM_EPSILON = 1e-6;

    private final boolean byNorm;
    private final double limit;

    private GradientClipping(boolean byNorm, double limit) {
        if (!(limit > 0) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException("gradient clipping " + (byNorm ? "max norm" : "limit")
                    + " must be a finite number > 0, got " + limit);
        }
        this.byNorm = byNorm;
        this.limit = limit;
    }

    /** Rescales all gradients together so that their global L2 norm is at most {@code maxNorm}. */
    public static GradientClipping byGlobalNorm(double maxNorm) {
        return new GradientClipping(true, maxNorm);
    }

    /** Clamps every gradient element to {@code [-limit, limit]}. */
    public static GradientClipping byValue(double limit) {
        return new GradientClipping(false, limit);
    }

    /** Clips the gradients of {@code parameters} in place; parameters without a gradient are skipped. */
    public void apply(List<Tensor> parameters) {
        try (Scope scope = Scope.open(); NoGrad noGrad = NoGrad.enter()) {
            List<Tensor> gradients = gradients(parameters);
            if (byNorm) {
                double coefficient = limit / (norm(gradients) + NORM_EPSILON);
                if (coefficient < 1) {
                    gradients.forEach(g -> g.assign(g.mul(coefficient)));
                }
            } else {
                gradients.forEach(g -> g.assign(g.maximum(-limit).minimum(limit)));
            }
        }
    }

    /** The L2 norm of all gradients of {@code parameters} taken as one vector (0 if there are none). */
    public static double globalNorm(List<Tensor> parameters) {
        try (Scope scope = Scope.open(); NoGrad noGrad = NoGrad.enter()) {
            return norm(gradients(parameters));
        }
    }

    private static double norm(List<Tensor> gradients) {
        Tensor total = null;
        for (Tensor g : gradients) {
            Tensor squares = g.square().sum();
            total = total == null ? squares : total.add(squares.to(total.dtype()));
        }
        return total == null ? 0 : Math.sqrt(total.item());
    }

    /** The gradients of distinct parameters that have one. */
    private static List<Tensor> gradients(List<Tensor> parameters) {
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : parameters) {
            if (p.grad() != null && seen.add(p)) {
                out.add(p.grad());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return (byNorm ? "GradientClipping.byGlobalNorm(" : "GradientClipping.byValue(") + limit + ")";
    }
}
