package io.faltung.spi;

/**
 * Elementwise functions of two arguments, the vocabulary of {@link Backend#binary}. Comparisons
 * return 1 for true and 0 for false in the output's dtype.
 */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAX, MIN, GT, GE, EQ;

    /** The function in double precision: the definition every backend reproduces. */
    public double apply(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case GT -> a > b ? 1 : 0;
            case GE -> a >= b ? 1 : 0;
            case EQ -> a == b ? 1 : 0;
        };
    }
}
