package io.faltung.nn;

import io.faltung.autograd.NoGrad;
import io.faltung.nn.init.Initializer;
import io.faltung.spi.DType;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A building block of a model: a function of a batch with (possibly) trainable parameters.
 *
 * <p>Life cycle: construct with hyper-parameters, {@link #build(Shape, RandomStream)} with the
 * per-sample input shape (infers the output shape and creates seeded parameters), then
 * {@link #forward(Tensor, boolean)} on batches whose first axis is the batch axis. Shapes are always
 * given per sample (without the batch axis): a 28×28 grey image is {@code [1, 28, 28]}.
 *
 * <p>Subclasses implement {@link #inferOutputShape} (pure shape arithmetic, rejecting impossible
 * inputs with {@link #incompatible}), {@link #createParameters} and {@link #call}; they use
 * {@link Tensor} operations only and never define backward code. Containers (e.g.
 * {@link Sequential}) return their sub-layers from {@link #children()}, which makes parameter
 * naming, dtype conversion, seeding and closing recursive. Layers that keep state between calls
 * (streaming, recurrent) can relax {@link #checkInput} and hold their state in unscoped tensors.
 *
 * <p>Parameters are named like PyTorch's {@code state_dict}: a layer's own parameters by their
 * local name ({@code weight}, {@code bias}), a container's prefixed with the child's name
 * ({@code dense_1.weight}). Parameters live outside any {@link Scope}; {@link #close()} frees them.
 */
public abstract class Layer implements AutoCloseable {
    private final Map<String, Tensor> own = new LinkedHashMap<>();
    private final Map<String, Tensor> ownBuffers = new LinkedHashMap<>();
    private String name;
    private Shape inputShape;
    private Shape outputShape;
    private DType dtype = DType.FLOAT32;

    // ---- naming ---------------------------------------------------------------------------------

    /** The layer's name, e.g. {@code dense_1}; containers assign one to unnamed children. */
    public String name() {
        return name != null ? name : kind();
    }

    /** Names this layer (before it is added to a container, or to override the automatic name). */
    public Layer name(String value) {
        if (value == null || value.isEmpty() || value.contains(".")) {
            throw new IllegalArgumentException("a layer name must be non-empty and free of '.', not '" + value + "'");
        }
        this.name = value;
        return this;
    }

    /** Whether a name was set explicitly or by a container. */
    public boolean hasName() {
        return name != null;
    }

    /** The stem of automatic names ({@code dense} gives {@code dense_1, dense_2, …}). */
    protected String kind() {
        return getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** The layer and its hyper-parameters as written in code, e.g. {@code Dense(500, relu)}. */
    @Override
    public abstract String toString();

    // ---- building -------------------------------------------------------------------------------

    /** Builds with the initialisation stream of seed 0; see {@link #build(Shape, RandomStream)}. */
    public final Shape build(Shape inputPerSample) {
        return build(inputPerSample, new RandomStream(0));
    }

    /**
     * Infers the output shape for {@code inputPerSample}, creates the parameters drawing from
     * {@code init} (so the same seed gives the same weights on every backend) and returns the output
     * shape per sample. Building again with the same input shape keeps the parameters.
     *
     * @throws IncompatibleInputException if this layer cannot take such an input
     */
    public final Shape build(Shape inputPerSample, RandomStream init) {
        if (inputShape != null) {
            if (inputShape.equals(inputPerSample)) {
                return outputShape;
            }
            throw new IllegalStateException(this + " is already built for input " + inputShape + " per sample and cannot"
                    + " be rebuilt for " + inputPerSample + "; create a new layer");
        }
        Shape out = inferOutputShape(inputPerSample);
        createParameters(inputPerSample, init);
        inputShape = inputPerSample;
        outputShape = out;
        return out;
    }

    /** Whether {@link #build} has run. */
    public boolean isBuilt() {
        return inputShape != null;
    }

    /** The per-sample input shape this layer was built for. */
    public Shape inputShape() {
        requireBuilt();
        return inputShape;
    }

    /** The per-sample output shape. */
    public Shape outputShape() {
        requireBuilt();
        return outputShape;
    }

    /**
     * The output shape per sample this layer gives for {@code input} per sample, without building
     * it (nothing is allocated): checks a model against its data before any work is done.
     *
     * @throws IncompatibleInputException if this layer cannot take such an input
     */
    public final Shape outputShapeFor(Shape input) {
        return inferOutputShape(input);
    }

    /**
     * The output shape per sample for {@code input} per sample, without side effects.
     *
     * @throws IncompatibleInputException (via {@link #incompatible}) if the input is impossible
     */
    protected abstract Shape inferOutputShape(Shape input);

    /** Creates this layer's parameters with {@link #addParameter}; the default creates none. */
    protected void createParameters(Shape input, RandomStream init) {
    }

    /** The exception to throw from {@link #inferOutputShape} when {@code input} is impossible. */
    protected final IncompatibleInputException incompatible(Shape input, String expected, String hint) {
        return new IncompatibleInputException(this, input, expected, hint, null);
    }

    // ---- parameters -----------------------------------------------------------------------------

    /** Creates a parameter outside any scope, drawn from {@code init}, and registers it as {@code localName}. */
    protected final Tensor addParameter(String localName, Shape shape, Initializer initializer, RandomStream init) {
        Tensor t = Scope.unscoped(() -> {
            Tensor v = initializer.create(shape, init);
            return v.dtype() == dtype ? v : converted(v, dtype);
        });
        t.requiresGrad(true);
        own.put(localName, t);
        return t;
    }

    /** This layer's own parameter {@code localName}. */
    protected final Tensor parameter(String localName) {
        Tensor t = own.get(localName);
        if (t == null) {
            throw new IllegalStateException(this + " has no parameter '" + localName + "' (built: " + isBuilt() + ")");
        }
        return t;
    }

    /**
     * Creates a non-trainable state tensor outside any scope (e.g. batch normalisation's running
     * mean), filled with {@code value} in the layer's dtype, and registers it as {@code localName}.
     * Buffers are saved with the model but never see an optimiser.
     */
    protected final Tensor addBuffer(String localName, Shape shape, double value) {
        return addBuffer(localName, dtype, shape, value);
    }

    /**
     * Like {@link #addBuffer(String, Shape, double)} with an element type of its own: a floating
     * point buffer follows {@link #to} like the parameters, an INT32 buffer (a counter such as
     * batch normalisation's {@code num_batches_tracked}) keeps its type.
     */
    protected final Tensor addBuffer(String localName, DType type, Shape shape, double value) {
        Tensor t = Scope.unscoped(() -> Tensor.zeros(type, shape).fill(value));
        ownBuffers.put(localName, t);
        return t;
    }

    /** This layer's own buffer {@code localName}. */
    protected final Tensor buffer(String localName) {
        Tensor t = ownBuffers.get(localName);
        if (t == null) {
            throw new IllegalStateException(this + " has no buffer '" + localName + "' (built: " + isBuilt() + ")");
        }
        return t;
    }

    /**
     * All non-trainable state by name, like {@link #parameters()} (PyTorch's buffers, e.g.
     * {@code batch_normalization_1.running_mean}), in creation order. Buffers belong to the model's
     * state as much as the parameters do: {@code Weights} saves and loads them and checkpoints
     * include them, so that a restored model computes what the saved one computed.
     */
    public Map<String, Tensor> buffers() {
        Map<String, Tensor> all = new LinkedHashMap<>(ownBuffers);
        for (Layer child : children()) {
            child.buffers().forEach((k, v) -> all.put(child.name() + "." + k, v));
        }
        return Collections.unmodifiableMap(all);
    }

    /** Sub-layers of a container, in order; empty for plain layers. */
    protected List<Layer> children() {
        return List.of();
    }

    /** All parameters by name ({@code weight}, or {@code dense_1.weight} in a container), in creation order. */
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> all = new LinkedHashMap<>(own);
        for (Layer child : children()) {
            child.parameters().forEach((k, v) -> all.put(child.name() + "." + k, v));
        }
        return Collections.unmodifiableMap(all);
    }

    /** The number of trainable values. */
    public long parameterCount() {
        long n = 0;
        for (Tensor t : parameters().values()) {
            n += t.size();
        }
        return n;
    }

    /** The element type of the parameters (FLOAT32 unless converted with {@link #to}). */
    public DType dtype() {
        return dtype;
    }

    /**
     * Converts every parameter to {@code target} (e.g. FLOAT64 for gradient checks); gradients and
     * optimiser state of the old parameters are dropped. Returns {@code this}.
     */
    public Layer to(DType target) {
        if (!target.isFloatingPoint()) {
            throw new IllegalArgumentException(this + ": parameters must be floating point, not " + target);
        }
        dtype = target;
        own.replaceAll((k, old) -> {
            if (old.dtype() == target) {
                return old;
            }
            Tensor t = Scope.unscoped(() -> converted(old, target));
            t.requiresGrad(true);
            release(old);
            return t;
        });
        ownBuffers.replaceAll((k, old) -> old.dtype() == target || !old.dtype().isFloatingPoint() ? old
                : Scope.unscoped(() -> converted(old, target)));
        children().forEach(c -> c.to(target));
        return this;
    }

    private static Tensor converted(Tensor v, DType target) {
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor t = v.to(target);
            v.close();
            return t;
        }
    }

    /**
     * Re-seeds every source of randomness used in training (e.g. dropout masks) from {@code seed};
     * children get distinct seeds derived from it. Training calls this with its seed.
     */
    public final void seedRandomness(long seed) {
        reseed(seed);
        List<Layer> c = children();
        for (int i = 0; i < c.size(); i++) {
            c.get(i).seedRandomness(seed * 0x9E3779B97F4A7C15L + i + 1);
        }
    }

    /** Hook for {@link #seedRandomness}: layers with random behaviour restart their stream here. */
    protected void reseed(long seed) {
    }

    /**
     * The streams that training randomness is drawn from (e.g. dropout masks), named like
     * {@link #parameters()} ({@code dropout_1.masks}). A checkpoint saves each stream's position;
     * restoring it with {@link RandomStream#seek} after {@link #seedRandomness} resumes the
     * randomness exactly.
     */
    public final Map<String, RandomStream> randomStreams() {
        Map<String, RandomStream> all = new LinkedHashMap<>(ownRandomStreams());
        for (Layer child : children()) {
            child.randomStreams().forEach((k, v) -> all.put(child.name() + "." + k, v));
        }
        return Collections.unmodifiableMap(all);
    }

    /** This layer's own random streams by local name, for {@link #randomStreams()}; none by default. */
    protected Map<String, RandomStream> ownRandomStreams() {
        return Map.of();
    }

    // ---- computing ------------------------------------------------------------------------------

    /**
     * Applies the layer to {@code batch} ({@code [batch, …input shape]}). {@code training} switches
     * training-only behaviour such as dropout.
     */
    public final Tensor forward(Tensor batch, boolean training) {
        requireBuilt();
        checkInput(batch);
        Tensor output = call(batch, training);
        OutputCheck check = OUTPUT_CHECK.get();
        if (check != null) {
            check.check(this, output);
        }
        return output;
    }

    /** Inspects the output of every {@link #forward} on a thread, e.g. to catch the first non-finite value. */
    @FunctionalInterface
    public interface OutputCheck {
        /** Called with each layer and its output (containers after their children); may throw to abort. */
        void check(Layer layer, Tensor output);
    }

    private static final ThreadLocal<OutputCheck> OUTPUT_CHECK = new ThreadLocal<>();

    /** Installs {@code check} for forward passes on the current thread; {@code null} removes it. */
    public static void outputCheck(OutputCheck check) {
        if (check == null) {
            OUTPUT_CHECK.remove();
        } else {
            OUTPUT_CHECK.set(check);
        }
    }

    /** The computation of {@link #forward}, on a checked batch. */
    protected abstract Tensor call(Tensor batch, boolean training);

    /** Rejects batches that do not match the built input shape or the parameters' dtype. */
    protected void checkInput(Tensor batch) {
        Shape s = batch.shape();
        if (s.rank() != inputShape.rank() + 1 || !s.dropFirst().equals(inputShape)) {
            String batched = inputShape.rank() == 0 ? "[batch]" : "[batch, " + inputShape.toString().substring(1);
            throw new IllegalArgumentException(this + " was built for input " + inputShape + " per sample (batches shaped "
                    + batched + ") but gets a batch " + s);
        }
        if ((!own.isEmpty() || !ownBuffers.isEmpty()) && batch.dtype() != dtype) {
            throw new IllegalArgumentException(this + " has " + dtype + " parameters but gets a " + batch.dtype()
                    + " batch; convert one of them (layer.to(dtype) or batch.to(dtype))");
        }
    }

    private void requireBuilt() {
        if (inputShape == null) {
            throw new IllegalStateException(this + " is not built yet: call build(Shape) with the per-sample input shape"
                    + " first (fit() builds from the data)");
        }
    }

    /** Frees the parameters and their gradients (recursively). The layer is unusable afterwards. */
    @Override
    public void close() {
        own.values().forEach(Layer::release);
        own.clear();
        ownBuffers.values().forEach(Tensor::close);
        ownBuffers.clear();
        children().forEach(Layer::close);
    }

    private static void release(Tensor t) {
        if (t.grad() != null) {
            t.grad().close();
        }
        t.close();
    }
}
