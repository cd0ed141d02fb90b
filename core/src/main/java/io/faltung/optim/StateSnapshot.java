package io.faltung.optim;

import io.faltung.spi.DType;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Export and import of optimiser state as named tensors ({@code "<i>.<slot>"}, {@code "<i>.step"}). */
final class StateSnapshot {
    static final String STEP = "step";

    private StateSnapshot() {
    }

    static Map<String, Tensor> export(Map<Tensor, ParameterState> states, List<Tensor> parameters) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            Tensor p = parameters.get(i);
            ParameterState s = states.get(p);
            if (s == null) {
                continue;
            }
            for (Map.Entry<String, Tensor> e : s.slots().entrySet()) {
                Tensor copy = Tensor.empty(p.backend(), p.dtype(), p.shape());
                out.put(i + "." + e.getKey(), copy.assign(e.getValue()));
            }
            if (s.step() > Integer.MAX_VALUE) {
                throw new IllegalStateException("step counter " + s.step() + " of parameter " + i
                        + " does not fit the INT32 state entry");
            }
            out.put(i + "." + STEP, Tensor.full(p.backend(), DType.INT32, Shape.scalar(), s.step()));
        }
        return out;
    }

    /** Validates {@code state} completely, then builds fresh per-parameter states from copies of it. */
    static Map<Tensor, ParameterState> restore(String owner, Set<String> slotNames, List<Tensor> parameters,
            Map<String, Tensor> state) {
        Map<Integer, Map<String, Tensor>> byIndex = new TreeMap<>();
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            int index = dot > 0 ? parseIndex(key.substring(0, dot)) : -1;
            String slot = dot > 0 ? key.substring(dot + 1) : "";
            if (index < 0 || index >= parameters.size() || !(slotNames.contains(slot) || slot.equals(STEP))) {
                throw new IllegalArgumentException(owner + " state: unknown entry '" + key + "'; expected '<i>.<slot>'"
                        + " with i < " + parameters.size() + " and slot one of " + slotNames + " or " + STEP);
            }
            check(owner, key, e.getValue(), parameters.get(index), slot.equals(STEP));
            byIndex.computeIfAbsent(index, k -> new LinkedHashMap<>()).put(slot, e.getValue());
        }
        Map<Tensor, ParameterState> restored = new IdentityHashMap<>();
        try (Scope scope = Scope.open()) {
            for (Map.Entry<Integer, Map<String, Tensor>> e : byIndex.entrySet()) {
                Tensor p = parameters.get(e.getKey());
                Map<String, Tensor> slots = new LinkedHashMap<>(e.getValue());
                Tensor step = slots.remove(STEP);
                if (step == null) {
                    throw new IllegalArgumentException(owner + " state: parameter " + e.getKey() + " has entries "
                            + slots.keySet() + " but no '" + e.getKey() + "." + STEP + "'");
                }
                slots.replaceAll((name, t) -> onBackendOf(p, t));
                ParameterState s = new ParameterState(p);
                s.restore((long) step.item(), slots);
                restored.put(p, s);
            }
        }
        return restored;
    }

    private static void check(String owner, String key, Tensor value, Tensor parameter, boolean isStep) {
        if (isStep) {
            double v = value.size() == 1 ? value.item() : -1;
            if (v < 0 || v != Math.rint(v)) {
                throw new IllegalArgumentException(owner + " state: '" + key + "' must be one non-negative integer,"
                        + " got " + value);
            }
        } else if (!value.shape().equals(parameter.shape()) || value.dtype() != parameter.dtype()) {
            throw new IllegalArgumentException(owner + " state: '" + key + "' is " + value.dtype() + " " + value.shape()
                    + " but its parameter is " + parameter.dtype() + " " + parameter.shape());
        }
    }

    private static int parseIndex(String s) {
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(s);
    }

    /** {@code t}, copied through the host onto the backend of {@code parameter} if it lives elsewhere. */
    private static Tensor onBackendOf(Tensor parameter, Tensor t) {
        if (t.backend() == parameter.backend()) {
            return t;
        }
        int[] dims = t.shape().toArray();
        return t.dtype() == DType.FLOAT64 ? Tensor.of(parameter.backend(), t.toDoubleArray(), dims)
                : Tensor.of(parameter.backend(), t.toFloatArray(), dims);
    }
}
