package io.faltung.spi;

/** Elementwise functions of one argument, the vocabulary of {@link Backend#unary}. */
public enum UnaryOp {
    NEG, ABS, SIGN, EXP, LOG, SQRT, RECIPROCAL, TANH, SIGMOID, RELU, SIN, COS;

    /** The function in double precision: the definition every backend reproduces. */
    public double apply(double x) {
        return switch (this) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case RECIPROCAL -> 1.0 / x;
            case TANH -> Math.tanh(x);
            case SIGMOID -> x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
            case RELU -> x > 0 ? x : 0.0;
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
        };
    }
}
