package io.faltung.autograd;

import io.faltung.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse-mode differentiation: records operations and walks them backwards.
 *
 * <p>The walk is iterative (an explicit stack, not recursion), so graphs thousands of operations
 * deep — a recurrent network unrolled over a long sequence — cannot overflow the Java stack.
 * Gradients of fan-out tensors are summed; gradients of leaves that require them are accumulated
 * into {@link Tensor#grad()} across calls until {@link Tensor#zeroGrad()}. An operation with several
 * outputs ({@link #recordJoint}) runs its rule once, when the gradients of all its outputs are in.
 */
public final class Autograd {
    private Autograd() {
    }

    /**
     * Records {@code out} as computed from {@code inputs} by an operation with the given backward
     * rule, if gradients are enabled and any input requires one. Returns {@code out}.
     */
    public static Tensor record(Tensor out, String name, GradFn.Rule rule, Tensor... inputs) {
        if (!NoGrad.isGradEnabled()) {
            return out;
        }
        for (Tensor in : inputs) {
            if (in != null && in.requiresGrad()) {
                out.attach(new GradFn(name, inputs, rule));
                return out;
            }
        }
        return out;
    }

    /**
     * Records {@code outputs} as computed together from {@code inputs} by one operation whose rule
     * receives the gradients of all outputs at once (it runs once per backward pass, after every
     * output's gradient is complete). Returns {@code outputs}.
     */
    public static Tensor[] recordJoint(Tensor[] outputs, String name, GradFn.JointRule rule, Tensor... inputs) {
        if (!NoGrad.isGradEnabled()) {
            return outputs;
        }
        for (Tensor in : inputs) {
            if (in != null && in.requiresGrad()) {
                GradFn.Joint joint = new GradFn.Joint(outputs.length, rule);
                for (int k = 0; k < outputs.length; k++) {
                    outputs[k].attach(new GradFn(name, inputs, null, joint, k));
                }
                return outputs;
            }
        }
        return outputs;
    }

    /** Backpropagates from {@code root} with seed gradient {@code seed} (same shape as root). */
    public static void backward(Tensor root, Tensor seed) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward() on a tensor that does not require grad: no parameter"
                    + " or requiresGrad() input contributed to it (or it was computed under NoGrad)");
        }
        if (!seed.shape().equals(root.shape())) {
            throw new IllegalArgumentException("seed gradient " + seed.shape() + " does not match " + root.shape());
        }
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(root, seed);
        Map<GradFn.Joint, Tensor[]> pending = new IdentityHashMap<>();
        Map<GradFn.Joint, Integer> waiting = new IdentityHashMap<>();
        for (Tensor t : order) {
            if (t.gradFn() != null && t.gradFn().joint() != null) {
                waiting.merge(t.gradFn().joint(), 1, Integer::sum);
            }
        }
        try (NoGrad ignored = NoGrad.enter()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor g = grads.remove(t);
                GradFn fn = t.gradFn();
                if (fn != null && fn.joint() != null) {
                    // All inputs precede every output in the order, so the last output seen fires the rule in time.
                    Tensor[] outputGrads = pending.computeIfAbsent(fn.joint(), j -> new Tensor[j.outputs()]);
                    outputGrads[fn.output()] = g;
                    if (waiting.merge(fn.joint(), -1, Integer::sum) == 0 && anyNonNull(outputGrads)) {
                        pending.remove(fn.joint());
                        propagate(fn, fn.joint().rule().backward(outputGrads), grads);
                    }
                    continue;
                }
                if (g == null) {
                    continue;
                }
                if (fn == null) {
                    t.accumulateGrad(g);
                    continue;
                }
                propagate(fn, fn.rule().backward(g), grads);
            }
        }
    }

    private static boolean anyNonNull(Tensor[] tensors) {
        for (Tensor t : tensors) {
            if (t != null) {
                return true;
            }
        }
        return false;
    }

    /** Adds the gradients a rule produced to those of its inputs, checking their shapes. */
    private static void propagate(GradFn fn, Tensor[] inputGrads, Map<Tensor, Tensor> grads) {
        Tensor[] inputs = fn.inputs();
        for (int k = 0; k < inputs.length; k++) {
            Tensor in = inputs[k];
            Tensor gk = k < inputGrads.length ? inputGrads[k] : null;
            if (in == null || gk == null || !in.requiresGrad()) {
                continue;
            }
            if (!gk.shape().equals(in.shape())) {
                throw new IllegalStateException("backward of " + fn.name() + " produced a gradient of shape "
                        + gk.shape() + " for an input of shape " + in.shape());
            }
            Tensor previous = grads.get(in);
            grads.put(in, previous == null ? gk : previous.add(gk));
        }
    }

    /** Tensors reachable from {@code root} through recorded operations, inputs before outputs. */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> visited = new IdentityHashMap<>();
        Deque<Tensor> stack = new ArrayDeque<>();
        Deque<Integer> next = new ArrayDeque<>();
        stack.push(root);
        next.push(0);
        visited.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Tensor t = stack.peek();
            int k = next.pop();
            GradFn fn = t.gradFn();
            Tensor[] inputs = fn == null ? new Tensor[0] : fn.inputs();
            while (k < inputs.length && (inputs[k] == null || !inputs[k].requiresGrad()
                    || visited.containsKey(inputs[k]))) {
                k++;
            }
            if (k < inputs.length) {
                next.push(k + 1);
                Tensor child = inputs[k];
                visited.put(child, Boolean.TRUE);
                stack.push(child);
                next.push(0);
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
