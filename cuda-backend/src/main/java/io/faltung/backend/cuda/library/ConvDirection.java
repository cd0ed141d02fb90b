package io.faltung.backend.cuda.library;

/** Which of the three cuDNN convolution calls. */
public enum ConvDirection {
    /** {@code y = conv(x, w)}. */
    FORWARD,
    /** {@code dx} from {@code dy} and {@code w}. */
    BACKWARD_DATA,
    /** {@code dw} from {@code x} and {@code dy}. */
    BACKWARD_FILTER
}
