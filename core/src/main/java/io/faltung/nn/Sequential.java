package io.faltung.nn;

import io.faltung.data.Dataset;
import io.faltung.loss.Loss;
import io.faltung.tensor.RandomStream;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import io.faltung.train.Evaluation;
import io.faltung.train.Fit;
import io.faltung.train.History;
import io.faltung.train.Inference;
import io.faltung.train.Trainer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Layers applied one after another, with Keras-style training:
 *
 * <pre>{@code
 * var model = new Sequential(new Dense(16).activation(Activation.RELU), new Dense(3));
 * model.build(Shape.of(4));                       // infers every shape; fails early, naming the layer
 * System.out.println(model.summary());
 * History h = model.fit(train, Fit.epochs(10).loss(Loss.softmaxCrossEntropy()).optimizer(sgd));
 * double acc = model.evaluate(test).accuracy();
 * }</pre>
 *
 * <p>Unnamed layers are named by kind and position ({@code dense_1}, {@code dense_2},
 * {@code dropout_1}); parameters are then {@code dense_1.weight} etc. A Sequential is itself a
 * {@link Layer} and can be nested.
 */
public final class Sequential extends Layer implements Streamable {
    private final List<Layer> layers;
    private Fit lastFit;

    /** The model {@code layers[0] → layers[1] → …}. */
    public Sequential(Layer... layers) {
        if (layers.length == 0) {
            throw new IllegalArgumentException("a Sequential needs at least one layer");
        }
        this.layers = List.of(layers);
        nameLayers();
    }

    private void nameLayers() {
        Map<String, Integer> counts = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (Layer layer : layers) {
            if (!layer.hasName()) {
                layer.name(layer.kind() + "_" + counts.merge(layer.kind(), 1, Integer::sum));
            }
            if (!names.add(layer.name())) {
                throw new IllegalArgumentException("two layers of " + this + " are named '" + layer.name()
                        + "' (or one layer is added twice); names must be unique");
            }
        }
    }

    /** The layers in order. */
    public List<Layer> layers() {
        return layers;
    }

    @Override
    protected List<Layer> children() {
        return layers;
    }

    @Override
    protected String kind() {
        return "sequential";
    }

    @Override
    protected Shape inferOutputShape(Shape input) {
        Shape shape = input;
        Layer previous = null;
        for (Layer layer : layers) {
            try {
                shape = layer.inferOutputShape(shape);
            } catch (IncompatibleInputException e) {
                throw previous == null || e.source() != null ? e : e.from(previous.toString());
            }
            previous = layer;
        }
        return shape;
    }

    @Override
    protected void createParameters(Shape input, RandomStream init) {
        Shape shape = input;
        for (Layer layer : layers) {
            shape = layer.build(shape, init);
        }
    }

    @Override
    protected Tensor call(Tensor batch, boolean training) {
        Tensor x = batch;
        for (Layer layer : layers) {
            x = layer.forward(x, training);
        }
        return x;
    }

    /**
     * Opens a sample-by-sample stream through this built model (see {@link Streaming}); every layer
     * must be {@link Streamable} (causal {@link Conv1D}, activations, dropout, batch normalisation
     * on {@code [channels, length]}). Close the stream to free its history buffers.
     *
     * @throws IllegalStateException naming the first layer that cannot stream, and why
     */
    public Streaming streaming() {
        if (inputShape().rank() != 2) {
            throw new IllegalStateException(this + " cannot stream: streaming needs signals [channels, length] per sample,"
                    + " but the model was built for " + inputShape());
        }
        return new Streaming(this, openStream());
    }

    @Override
    public StreamState openStream() {
        List<StreamState> states = new ArrayList<>();
        try {
            for (Layer layer : layers) {
                if (!(layer instanceof Streamable)) {
                    throw new IllegalStateException(layer.name() + " " + layer + " cannot stream: it does not act on"
                            + " each time step (streaming takes causal Conv1D, activations, dropout, batch normalisation)");
                }
                states.add(((Streamable) layer).openStream());
            }
        } catch (RuntimeException e) {
            states.forEach(StreamState::close);
            throw e;
        }
        return new StreamState() {
            @Override
            public Tensor step(Tensor block) {
                Tensor x = block;
                for (StreamState s : states) {
                    x = s.step(x);
                }
                return x;
            }

            @Override
            public void close() {
                states.forEach(StreamState::close);
            }
        };
    }

    /** Each layer's name, output shape and parameter count (after {@link #build}). */
    public Summary summary() {
        Shape input = inputShape();
        List<Summary.Row> rows = new ArrayList<>();
        for (Layer layer : layers) {
            rows.add(new Summary.Row(layer.name(), layer.toString(), layer.outputShape(), layer.parameterCount()));
        }
        return new Summary(input, rows);
    }

    // ---- training (see io.faltung.train) --------------------------------------------------------

    /**
     * Trains on {@code data} as configured by {@code fit} (building the model from the data's
     * feature shape if needed). Everything that can be checked is checked before the first step.
     */
    public History fit(Dataset data, Fit fit) {
        History h = Trainer.fit(this, data, fit);
        lastFit = fit;
        return h;
    }

    /** Loss and accuracy on {@code data} with the loss and batch size of the last {@link #fit}. */
    public Evaluation evaluate(Dataset data) {
        if (lastFit == null) {
            throw new IllegalStateException("evaluate(data) uses the loss of the last fit(); this model was not fitted,"
                    + " so call evaluate(data, loss)");
        }
        return Inference.evaluate(this, data, lastFit.loss(), lastFit.batchSize());
    }

    /** Loss and accuracy on {@code data} under {@code loss}. */
    public Evaluation evaluate(Dataset data, Loss loss) {
        return Inference.evaluate(this, data, loss, lastFit == null ? Fit.DEFAULT_BATCH_SIZE : lastFit.batchSize());
    }

    /** The model's outputs for every sample of {@code data}, as one FLOAT32 tensor {@code [n, …output]}. */
    public Tensor predict(Dataset data) {
        return Inference.predict(this, data, lastFit == null ? Fit.DEFAULT_BATCH_SIZE : lastFit.batchSize());
    }

    /** The model's outputs for the batch {@code x}, in inference mode and without recording gradients. */
    public Tensor predict(Tensor x) {
        return Inference.predict(this, x);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Sequential(");
        for (int i = 0; i < layers.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(layers.get(i));
        }
        return sb.append(')').toString();
    }
}
