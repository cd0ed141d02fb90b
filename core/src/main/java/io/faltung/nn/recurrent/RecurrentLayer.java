package io.faltung.nn.recurrent;

import io.faltung.nn.Layer;
import io.faltung.nn.init.Initializer;
import io.faltung.spi.DType;
import io.faltung.spi.RandomSpec;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.Objects;

/**
 * A recurrent layer ({@link SimpleRNN}, {@link LSTM}, {@link GRU}) over batches
 * {@code [batch, time, features]}; optionally a stack of several such layers.
 *
 * <p>Options (set before {@code build}):
 * <ul>
 *   <li>{@link #returnSequences(boolean)}: output every step's h, {@code [time, hidden]} per sample,
 *       or only the last one, {@code [hidden]} (default, as Keras);</li>
 *   <li>{@link #layers(int)} and {@link #dropout(double)}: a stack with dropout on the outputs of
 *       every layer but the last, in training (PyTorch's {@code num_layers} and {@code dropout});</li>
 *   <li>{@link #stateful(boolean)}: the final state of a batch becomes the initial state of the next
 *       (cut from the graph), until {@link #resetStates()} — for long series cut into consecutive
 *       batches; train with shuffling off;</li>
 *   <li>{@link #truncate(int)}: truncated backpropagation through time, the state is cut from the
 *       graph every k steps inside a sequence;</li>
 *   <li>{@link #bias(boolean)}, {@link #weightInit}, {@link #recurrentInit}, {@link #biasInit}.</li>
 * </ul>
 * An explicit initial state and the final state are available through
 * {@link #forward(Tensor, RecurrentState, boolean)}; {@link #streaming()} steps one time step at a
 * time with the same numbers.
 *
 * <p>Parameters follow PyTorch's {@code state_dict}: for layer k of the stack
 * {@code weight_ih_lk [G·H, in]}, {@code weight_hh_lk [G·H, H]}, {@code bias_ih_lk [G·H]},
 * {@code bias_hh_lk [G·H]}, with G gate blocks stacked in the cell's gate order. Defaults as in
 * PyTorch: every parameter uniform in {@code [−1/√H, 1/√H]}.
 *
 * <p>The time length of a batch may differ from the one the layer was built for; the features
 * may not.
 *
 * @param <S> the concrete layer, so that the fluent setters keep its type
 */
public abstract class RecurrentLayer<S extends RecurrentLayer<S>> extends Layer {
    private final int units;
    private final Cell cell;
    private int depth = 1;
    private double dropout;
    private boolean returnSequences;
    private boolean stateful;
    private int truncation;
    private boolean useBias = true;
    private Initializer weightInit;
    private Initializer recurrentInit;
    private Initializer biasInit;
    private RandomStream masks = new RandomStream(0);
    private RecurrentState carried;

    RecurrentLayer(int units, Cell cell) {
        if (units <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs a positive number of units, not "
                    + units);
        }
        this.units = units;
        this.cell = cell;
    }

    // ---- options --------------------------------------------------------------------------------

    /** Outputs every step ({@code true}) or only the last ({@code false}, default); returns {@code this}. */
    public S returnSequences(boolean value) {
        requireUnbuilt();
        returnSequences = value;
        return self();
    }

    /** Stacks {@code n ≥ 1} layers, each feeding its output sequence to the next; returns {@code this}. */
    public S layers(int n) {
        requireUnbuilt();
        if (n < 1) {
            throw new IllegalArgumentException(this + ": the number of stacked layers must be at least 1, not " + n);
        }
        depth = n;
        return self();
    }

    /** Dropout with probability {@code rate} on the outputs of every stacked layer but the last, in training. */
    public S dropout(double rate) {
        requireUnbuilt();
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(this + ": dropout rate must be in [0, 1), not " + rate);
        }
        dropout = rate;
        return self();
    }

    /** Carries the final state of each batch over to the next one (see the class comment); returns {@code this}. */
    public S stateful(boolean value) {
        stateful = value;
        if (!value) {
            resetStates();
        }
        return self();
    }

    /**
     * Truncated backpropagation through time: cuts the state from the graph every {@code steps}
     * steps (0, the default, never). Returns {@code this}.
     */
    public S truncate(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException(this + ": truncation must be ≥ 0 steps (0 = none), not " + steps);
        }
        truncation = steps;
        return self();
    }

    /** Turns the biases on (default) or off; returns {@code this}. */
    public S bias(boolean on) {
        requireUnbuilt();
        useBias = on;
        return self();
    }

    /** The initialiser of the input weights {@code weight_ih_lk}; returns {@code this}. */
    public S weightInit(Initializer value) {
        requireUnbuilt();
        weightInit = Objects.requireNonNull(value, "weightInit");
        return self();
    }

    /** The initialiser of the recurrent weights {@code weight_hh_lk}; returns {@code this}. */
    public S recurrentInit(Initializer value) {
        requireUnbuilt();
        recurrentInit = Objects.requireNonNull(value, "recurrentInit");
        return self();
    }

    /** The initialiser of the biases; returns {@code this}. */
    public S biasInit(Initializer value) {
        requireUnbuilt();
        biasInit = Objects.requireNonNull(value, "biasInit");
        return self();
    }

    /** Hidden units per layer (H). */
    public int units() {
        return units;
    }

    /** The number of stacked layers. */
    public int depth() {
        return depth;
    }

    /** Whether every step's output is returned. */
    public boolean returnsSequences() {
        return returnSequences;
    }

    /** Whether the state carries over between batches. */
    public boolean isStateful() {
        return stateful;
    }

    /** Forgets the carried-over state of stateful mode: the next batch starts from zeros. */
    public void resetStates() {
        if (carried != null) {
            carried.h().close();
            if (carried.c() != null) {
                carried.c().close();
            }
            carried = null;
        }
    }

    // ---- building -------------------------------------------------------------------------------

    @Override
    protected Shape inferOutputShape(Shape input) {
        if (input.rank() != 2) {
            throw incompatible(input, "a 2-D input per sample, [time, features]", input.rank() == 1
                    ? "give each step a feature axis: [" + input.dim(0) + ", 1]"
                    : input.rank() > 2 ? "flatten each step's features to one axis" : null);
        }
        return returnSequences ? Shape.of(input.dim(0), units) : Shape.of(units);
    }

    @Override
    protected void createParameters(Shape input, RandomStream init) {
        double k = 1 / Math.sqrt(units);
        Initializer pytorch = Initializer.uniform(-k, k);
        int rows = cell.gates() * units;
        for (int l = 0; l < depth; l++) {
            int in = l == 0 ? input.dim(1) : units;
            addParameter("weight_ih_l" + l, Shape.of(rows, in), weightInit != null ? weightInit : pytorch, init);
            addParameter("weight_hh_l" + l, Shape.of(rows, units), recurrentInit != null ? recurrentInit : pytorch, init);
            if (useBias) {
                addParameter("bias_ih_l" + l, Shape.of(rows), biasInit != null ? biasInit : pytorch, init);
                addParameter("bias_hh_l" + l, Shape.of(rows), biasInit != null ? biasInit : pytorch, init);
            }
        }
        masks = new RandomStream(init.seed() * 0x9E3779B97F4A7C15L + init.position());
    }

    @Override
    protected void reseed(long seed) {
        masks = new RandomStream(seed);
    }

    /** Layer {@code l}'s parameters. */
    StackWeights weights(int l) {
        return new StackWeights(parameter("weight_ih_l" + l), parameter("weight_hh_l" + l),
                useBias ? parameter("bias_ih_l" + l) : null, useBias ? parameter("bias_hh_l" + l) : null);
    }

    Cell cell() {
        return cell;
    }

    // ---- computing ------------------------------------------------------------------------------

    /** Accepts {@code [batch, time, features]} with the built features and any time length ≥ 1. */
    @Override
    protected void checkInput(Tensor batch) {
        Shape s = batch.shape();
        int features = inputShape().dim(1);
        if (s.rank() != 3 || s.dim(2) != features || s.dim(1) < 1) {
            throw new IllegalArgumentException(this + " was built for " + features + " features per step (batches shaped"
                    + " [batch, time, " + features + "]) but gets a batch " + s);
        }
        if (batch.dtype() != dtype()) {
            throw new IllegalArgumentException(this + " has " + dtype() + " parameters but gets a " + batch.dtype()
                    + " batch; convert one of them (layer.to(dtype) or batch.to(dtype))");
        }
    }

    @Override
    protected Tensor call(Tensor batch, boolean training) {
        return run(batch, null, training).output();
    }

    /**
     * Runs from {@code initial} (or, if {@code null}, from the carried-over state in stateful mode,
     * else from zeros) and returns the output with the final state.
     *
     * @throws IllegalArgumentException if the batch or the state do not fit the layer
     */
    public RecurrentOutput forward(Tensor batch, RecurrentState initial, boolean training) {
        inputShape();
        checkInput(batch);
        return run(batch, initial, training);
    }

    private RecurrentOutput run(Tensor batch, RecurrentState initial, boolean training) {
        int b = batch.shape().dim(0);
        RecurrentState start = initial != null ? initial : stateful ? carried : null;
        Tensor[][] states = start == null ? zeroState(batch, b) : checked(start, batch).perLayer();
        Tensor x = batch;
        for (int l = 0; l < depth; l++) {
            boolean last = l == depth - 1;
            Recurrence.Sweep sweep = Recurrence.sweep(cell, x, weights(l), states[l], truncation,
                    !last || returnSequences);
            states[l] = sweep.state();
            x = sweep.sequence();
            if (!last && training && dropout > 0) {
                Tensor keep = masks.draw(x.backend(), x.dtype(), x.shape(), RandomSpec.bernoulli(1 - dropout));
                x = x.mul(keep.mul(1 / (1 - dropout)));
            }
        }
        RecurrentState end = RecurrentState.stack(states);
        if (stateful) {
            carry(end);
        }
        return new RecurrentOutput(returnSequences ? x : states[depth - 1][0], end);
    }

    /** Zeros for every layer: {@code {h}} or {@code {h, c}}, each {@code [batch, H]}. */
    Tensor[][] zeroState(Tensor like, int batch) {
        Tensor[][] out = new Tensor[depth][];
        for (int l = 0; l < depth; l++) {
            Tensor h = like.fullLike(Shape.of(batch, units), 0);
            out[l] = cell.hasCellState() ? new Tensor[] {h, like.fullLike(Shape.of(batch, units), 0)} : new Tensor[] {h};
        }
        return out;
    }

    private RecurrentState checked(RecurrentState state, Tensor batch) {
        String from = state == carried ? "the state carried over from the previous batch (stateful mode; call"
                + " resetStates() or keep the batch size fixed)" : "the initial state";
        state.check(this + ": " + from, Shape.of(depth, batch.shape().dim(0), units), cell.hasCellState(), batch);
        return state;
    }

    private void carry(RecurrentState end) {
        RecurrentState kept = Scope.unscoped(() -> new RecurrentState(end.h().detach(),
                end.c() == null ? null : end.c().detach()));
        resetStates();
        carried = kept;
    }

    /** The state carried over in stateful mode, or {@code null} (none yet, or not stateful). */
    public RecurrentState carriedState() {
        return carried;
    }

    /**
     * A stream that takes one time step at a time ({@code [batch, features]}) and carries the state
     * between calls, for real-time use: after t steps its output equals {@code forward} on the first
     * t steps (the last output, or the t-th row with return sequences). Runs without gradients.
     */
    public StepStream streaming() {
        inputShape();
        return new LayerStream(this);
    }

    // ---- plumbing -------------------------------------------------------------------------------

    @Override
    public Layer to(DType target) {
        resetStates();
        return super.to(target);
    }

    @Override
    public void close() {
        resetStates();
        super.close();
    }

    private void requireUnbuilt() {
        if (isBuilt()) {
            throw new IllegalStateException(this + " is already built; configure it before build()");
        }
    }

    /** The cell-specific part of {@link #toString()}, e.g. {@code ", relu"}; empty by default. */
    String cellOptions() {
        return "";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(').append(units).append(cellOptions());
        if (depth > 1) {
            sb.append(", layers=").append(depth);
        }
        if (dropout > 0) {
            sb.append(", dropout=").append(dropout);
        }
        if (returnSequences) {
            sb.append(", sequences");
        }
        if (stateful) {
            sb.append(", stateful");
        }
        if (truncation > 0) {
            sb.append(", truncate=").append(truncation);
        }
        if (!useBias) {
            sb.append(", no bias");
        }
        return sb.append(')').toString();
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }
}
