package io.faltung.nn.recurrent;

import io.faltung.tensor.Tensor;

/**
 * What {@link RecurrentLayer#forward(Tensor, RecurrentState, boolean)} returns: the layer's output
 * (as from {@code forward(x, training)}) and the state after the last step.
 *
 * @param output {@code [batch, time, hidden]} with return sequences, else {@code [batch, hidden]}
 * @param state  the final state of every layer of the stack
 */
public record RecurrentOutput(Tensor output, RecurrentState state) {
}
