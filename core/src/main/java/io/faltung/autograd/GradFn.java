package io.faltung.autograd;

import io.faltung.tensor.Tensor;

/**
 * The backward rule of one recorded operation: its inputs and how to turn the gradient of its
 * output into gradients of those inputs. Rules are written next to their forward in
 * {@code io.faltung.ops}; nothing above that package defines one.
 *
 * @param name     the operation, for error messages and graph dumps
 * @param inputs   the tensors the output was computed from
 * @param rule     maps the output gradient to one gradient per input ({@code null} = no gradient)
 */
public record GradFn(String name, Tensor[] inputs, Rule rule) {

    /** The backward computation of one operation. */
    @FunctionalInterface
    public interface Rule {
        /** Gradients of the inputs, in input order, given the gradient of the output. */
        Tensor[] backward(Tensor gradOutput);
    }
}
