package io.faltung.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * Owns every tensor created on this thread while it is open and closes them when it closes, so a
 * training step releases all its intermediates (activations, gradients of non-leaf tensors,
 * temporaries of the optimiser) at once. Scopes nest; {@link #keep} hands a tensor to the
 * enclosing scope (or to the caller when there is none).
 *
 * <pre>{@code
 * try (Scope step = Scope.open()) {
 *     Tensor loss = model.forward(x).sub(y).square().mean();
 *     loss.backward();
 *     optimizer.step();
 * }   // every intermediate released here
 * }</pre>
 */
public final class Scope implements AutoCloseable {
    private static final ThreadLocal<Deque<Scope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);

    private final List<Tensor> owned = new ArrayList<>();
    private final Scope parent;
    private boolean closed;

    private Scope(Scope parent) {
        this.parent = parent;
    }

    /** Opens a scope nested in the current one. */
    public static Scope open() {
        Deque<Scope> stack = STACK.get();
        Scope s = new Scope(stack.peek());
        stack.push(s);
        return s;
    }

    /**
     * Runs {@code body} with no scope active, so the tensors it creates are owned by the caller:
     * model parameters, gradients and optimiser state that outlive a step.
     */
    public static <T> T unscoped(Supplier<T> body) {
        Deque<Scope> stack = STACK.get();
        STACK.set(new ArrayDeque<>());
        try {
            return body.get();
        } finally {
            STACK.set(stack);
        }
    }

    /** Moves {@code t} out of this scope into the enclosing one (or to the caller), and returns it. */
    public Tensor keep(Tensor t) {
        if (t.owner == this) {
            t.owner = parent;
            if (parent != null) {
                parent.owned.add(t);
            }
        }
        return t;
    }

    static void adopt(Tensor t) {
        Scope s = STACK.get().peek();
        if (s != null) {
            t.owner = s;
            s.owned.add(t);
        }
    }

    /** Closes every tensor this scope still owns. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Deque<Scope> stack = STACK.get();
        if (stack.peek() != this) {
            throw new IllegalStateException("scopes must be closed in reverse order of opening");
        }
        stack.pop();
        for (Tensor t : owned) {
            if (t.owner == this) {
                t.close();
            }
        }
        owned.clear();
    }
}
