package io.faltung.io.job;

import io.faltung.autograd.NoGrad;
import io.faltung.nn.Layer;
import io.faltung.tensor.Tensor;
import io.faltung.train.Callback;
import io.faltung.train.Training;

/**
 * An opt-in training guard: after every layer's forward pass it checks that the output is finite,
 * and at the first NaN or infinity it stops training with a {@link NonFiniteException} naming the
 * layer, the epoch and step, and the first bad element, before backward and the optimiser step
 * can spread it into the weights. A non-finite loss with finite layer outputs is reported too.
 * The check costs one reduction and one host read per layer and step.
 */
public final class NonFiniteGuard implements Callback {
    private int epoch;
    private int step;

    /** Thrown when a layer output or the loss is NaN or infinite. */
    public static final class NonFiniteException extends ArithmeticException {
        private static final long serialVersionUID = 1L;

        NonFiniteException(String message) {
            super(message);
        }
    }

    @Override
    public void onTrainBegin(Training training) {
        epoch = training.fit().startEpoch();
        step = training.fit().startStep();
        Layer.outputCheck(this::check);
    }

    @Override
    public void onEpochBegin(Training training, int e) {
        if (e != epoch) {
            step = 0;
        }
        epoch = e;
    }

    @Override
    public void onStepEnd(Training training, int e, int s, double loss) {
        if (!Double.isFinite(loss)) {
            throw new NonFiniteException("the loss is " + loss + " at epoch " + (e + 1) + ", step " + s
                    + ", although every layer output was finite: check the loss against the targets");
        }
        step = s + 1;
    }

    @Override
    public void onTrainEnd(Training training) {
        Layer.outputCheck(null);
    }

    private void check(Layer layer, Tensor output) {
        double residue;
        try (NoGrad ignored = NoGrad.enter(); Tensor zero = output.sub(output); Tensor sum = zero.sum()) {
            residue = sum.item();
        }
        if (residue == 0) {
            return;
        }
        float[] values = output.toFloatArray();
        int i = 0;
        while (i < values.length && Float.isFinite(values[i])) {
            i++;
        }
        throw new NonFiniteException(layer.name() + " (" + layer + ") produced " + (i < values.length ? values[i] : "NaN")
                + " at element " + i + " of its output " + output.shape() + " in epoch " + (epoch + 1) + ", step " + step
                + "; every layer before it produced finite values. Lower the learning rate, clip gradients or check the"
                + " data.");
    }
}
