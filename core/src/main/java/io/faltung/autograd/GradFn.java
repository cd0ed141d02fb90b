package io.faltung.autograd;

import io.faltung.tensor.Tensor;

/**
 * The backward rule of one recorded operation: its inputs and how to turn the gradient of its
 * output into gradients of those inputs. Rules are written next to their forward in
 * {@code io.faltung.ops}; nothing above that package defines one.
 *
 * <p>An operation with several outputs (an LSTM cell returns h and c) gives each output a
 * {@code GradFn} that shares one {@link Joint}: backward then runs the joint's rule once, with the
 * gradients of all outputs together (see {@link Autograd#recordJoint}).
 *
 * @param name     the operation, for error messages and graph dumps
 * @param inputs   the tensors the output was computed from
 * @param rule     maps the output gradient to one gradient per input ({@code null} = no gradient);
 *                 {@code null} for an output of a joint operation
 * @param joint    the shared node of a multi-output operation, or {@code null}
 * @param output   which output of the joint operation this is ({@code -1} for a single output)
 */
public record GradFn(String name, Tensor[] inputs, Rule rule, Joint joint, int output) {

    /** A single-output operation. */
    public GradFn(String name, Tensor[] inputs, Rule rule) {
        this(name, inputs, rule, null, -1);
    }

    /** The backward computation of one operation. */
    @FunctionalInterface
    public interface Rule {
        /** Gradients of the inputs, in input order, given the gradient of the output. */
        Tensor[] backward(Tensor gradOutput);
    }

    /** The backward computation of an operation with several outputs. */
    @FunctionalInterface
    public interface JointRule {
        /**
         * Gradients of the inputs, in input order, given the gradients of the outputs in output
         * order; an entry is {@code null} where no gradient reached that output (read it as zero).
         * At least one entry is non-null.
         */
        Tensor[] backward(Tensor[] gradOutputs);
    }

    /** The node shared by the outputs of one multi-output operation: how many outputs, and the rule. */
    public static final class Joint {
        private final int outputs;
        private final JointRule rule;

        Joint(int outputs, JointRule rule) {
            this.outputs = outputs;
            this.rule = rule;
        }

        /** Number of outputs. */
        public int outputs() {
            return outputs;
        }

        /** The rule run once with the gradients of all outputs. */
        public JointRule rule() {
            return rule;
        }
    }
}
