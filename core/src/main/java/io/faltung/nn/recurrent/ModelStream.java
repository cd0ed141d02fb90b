package io.faltung.nn.recurrent;

import io.faltung.autograd.NoGrad;
import io.faltung.nn.ActivationLayer;
import io.faltung.nn.Dropout;
import io.faltung.nn.Layer;
import io.faltung.nn.Sequential;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The {@link StepStream} of a {@link Sequential}: each layer becomes a stage applied to one step.
 * While samples still have a time axis, recurrent layers step and elementwise layers (dropout —
 * the identity in inference —, activations) apply to the step; once a recurrent layer has returned
 * only its last output, the remaining layers see ordinary one-dimensional samples and run as usual.
 */
final class ModelStream implements StepStream {
    private final String model;
    private final List<StepStream> stages;

    private ModelStream(String model, List<StepStream> stages) {
        this.model = model;
        this.stages = stages;
    }

    static StepStream of(Layer model) {
        if (model instanceof RecurrentLayer<?> recurrent) {
            return recurrent.streaming();
        }
        if (!(model instanceof Sequential sequential)) {
            throw new IllegalArgumentException("cannot stream " + model + ": only recurrent layers and Sequential models"
                    + " of them run step by step");
        }
        if (sequential.inputShape().rank() != 2) {
            throw new IllegalArgumentException("cannot stream " + model + ": its samples are " + sequential.inputShape()
                    + ", not sequences [time, features]");
        }
        List<StepStream> stages = new ArrayList<>();
        boolean sequences = true;
        try {
            for (Layer layer : sequential.layers()) {
                if (!sequences) {
                    stages.add(new Stateless(layer, x -> layer.forward(x, false)));
                } else if (layer instanceof RecurrentLayer<?> || layer instanceof Sequential) {
                    stages.add(of(layer));
                    sequences = layer.outputShape().rank() == 2;
                } else if (layer instanceof Dropout) {
                    stages.add(new Stateless(layer, x -> x));
                } else if (layer instanceof ActivationLayer a) {
                    stages.add(new Stateless(layer, x -> a.activation().apply(x)));
                } else {
                    throw new IllegalArgumentException("cannot stream " + model + ": " + layer.name() + " " + layer
                            + " sees whole sequences " + layer.inputShape() + "; only recurrent, dropout and activation"
                            + " layers can run step by step before the last recurrent layer");
                }
            }
        } catch (RuntimeException e) {
            stages.forEach(StepStream::close);
            throw e;
        }
        return new ModelStream(model.toString(), List.copyOf(stages));
    }

    @Override
    public Tensor step(Tensor x) {
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.enter()) {
            Tensor y = x;
            for (StepStream stage : stages) {
                y = stage.step(y);
            }
            return scope.keep(y);
        }
    }

    @Override
    public void reset() {
        stages.forEach(StepStream::reset);
    }

    @Override
    public void close() {
        stages.forEach(StepStream::close);
    }

    @Override
    public String toString() {
        return "StepStream(" + model + ")";
    }

    /** A layer without state between steps. */
    private record Stateless(Layer layer, UnaryOperator<Tensor> function) implements StepStream {
        @Override
        public Tensor step(Tensor x) {
            return function.apply(x);
        }

        @Override
        public void reset() {
        }

        @Override
        public void close() {
        }
    }
}
