package io.faltung.io.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faltung.io.safetensors.HostTensor;
import io.faltung.nn.Dense;
import io.faltung.nn.Sequential;
import io.faltung.nn.recurrent.GRU;
import io.faltung.nn.recurrent.LSTM;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * LSTM and GRU weights in torch.nn.LSTM / torch.nn.GRU layout (gate blocks i, f, g, o and r, z, n)
 * load under PyTorch's state_dict names and compute what PyTorch's equations give, written out here
 * for one time step from a zero state.
 */
class RecurrentTorchLayoutTest {
    private static final double X = 0.7;
    /** Input weight of each gate block (hidden size 1, one input feature). */
    private static final float[] W_IH = {0.5f, -0.3f, 0.8f, 0.2f};
    private static final float[] B_IH = {0.1f, 0.4f, -0.2f, 0.3f};
    private static final float[] B_HH = {-0.05f, 0.1f, 0.15f, -0.1f};

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static double pre(int gate) {
        return W_IH[gate] * X + B_IH[gate] + B_HH[gate];
    }

    private static float[] first(int n, float[] values) {
        return java.util.Arrays.copyOf(values, n);
    }

    /** A torch state_dict for Sequential(RNN(1, 1), Linear(1, 1)) with {@code gates} gate blocks. */
    private static Map<String, HostTensor> stateDict(int gates) {
        Map<String, HostTensor> sd = new LinkedHashMap<>();
        sd.put("0.weight_ih_l0", HostTensor.ofFloats(first(gates, W_IH), gates, 1));
        sd.put("0.weight_hh_l0", HostTensor.ofFloats(new float[gates], gates, 1));
        sd.put("0.bias_ih_l0", HostTensor.ofFloats(first(gates, B_IH), gates));
        sd.put("0.bias_hh_l0", HostTensor.ofFloats(first(gates, B_HH), gates));
        sd.put("1.weight", HostTensor.ofFloats(new float[] {2}, 1, 1));
        sd.put("1.bias", HostTensor.ofFloats(new float[] {0.5f}, 1));
        return sd;
    }

    private static double predict(Sequential model, int gates) {
        model.build(Shape.of(1, 1));
        Weights.load(model, stateDict(gates), TorchNames.of(model), "torch state_dict");
        try (Scope s = Scope.open()) {
            return model.predict(Tensor.of(new float[] {(float) X}, 1, 1, 1)).toFloatArray()[0];
        }
    }

    @Test
    void lstmGatesAreIFGO() {
        double c = sigmoid(pre(0)) * Math.tanh(pre(2));
        double h = sigmoid(pre(3)) * Math.tanh(c);
        try (Sequential model = new Sequential(new LSTM(1), new Dense(1))) {
            assertEquals(2 * h + 0.5, predict(model, 4), 1e-6);
        }
    }

    @Test
    void gruGatesAreRZN() {
        double r = sigmoid(pre(0));
        double z = sigmoid(pre(1));
        double n = Math.tanh(W_IH[2] * X + B_IH[2] + r * B_HH[2]);
        double h = (1 - z) * n;
        try (Sequential model = new Sequential(new GRU(1), new Dense(1))) {
            assertEquals(2 * h + 0.5, predict(model, 3), 1e-6);
        }
    }
}
