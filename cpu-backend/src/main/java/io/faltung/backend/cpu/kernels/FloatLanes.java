package io.faltung.backend.cpu.kernels;

import io.faltung.spi.BinaryOp;
import io.faltung.spi.UnaryOp;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dense FLOAT32 rows of UNARY and BINARY on the Vector API, in the machine's preferred species (8
 * lanes on AVX2, 16 on AVX-512). Needed because C2
 * does not auto-vectorise {@code o[oo + i] = a[ao + i] + b[bo + i]}: with different offsets into
 * arrays that may be the same, it cannot rule out a loop-carried dependence. Ops the lanes compute
 * exactly as the scalar definition (arithmetic, MAX/MIN, comparisons, NEG, ABS, SQRT, RELU) run
 * here; the others, and the tails, go to the scalar loops. Loaded only when
 * {@link VectorSupport#enabled()}.
 *
 * <p>Each op has its own small loop on purpose: the Vector API compiles to vector instructions only
 * when the operator is a constant where the loop is compiled. A shared loop taking the operator as
 * an argument relies on C2 inlining it at every call site, which it stops doing once the shared
 * loop's compiled code is large; that was measured here at 10× slower (the lanes fall back to
 * per-element Java code).
 *
 * <p>The species is the one every Vector-API kernel of the backend uses ({@code SPECIES_PREFERRED}),
 * on purpose: {@code FloatVector}'s shared methods ({@code fromArray}, {@code intoArray}, {@code fma})
 * dispatch to the concrete vector class through type profiles; with 256-bit lanes here and
 * 512-bit ones in the GEMM tile, those profiles saw both classes, C2 lost the exact class and left
 * stores as calls to the Java fallback, which boxes every vector: in each of 4 compilation logs
 * of mnist-cnn (JDK 17), 10 of the GEMM tile's 16 stores, in some runs this class's stores too,
 * and up to GiB of garbage per epoch. With one species: none in 3 logs.
 */
final class FloatLanes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final FloatVector ZERO = FloatVector.zero(S);
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    private FloatLanes() {
    }

    /** {@code o[oo + i] = op(a[ao + i], b[bo + i])} for {@code i < n}. */
    static void binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int done = switch (op) {
            case ADD -> add(a, ao, b, bo, o, oo, n);
            case SUB -> sub(a, ao, b, bo, o, oo, n);
            case MUL -> mul(a, ao, b, bo, o, oo, n);
            case DIV -> div(a, ao, b, bo, o, oo, n);
            case MAX -> max(a, ao, b, bo, o, oo, n);
            case MIN -> min(a, ao, b, bo, o, oo, n);
            case GT -> gt(a, ao, b, bo, o, oo, n);
            case GE -> ge(a, ao, b, bo, o, oo, n);
            case EQ -> eq(a, ao, b, bo, o, oo, n);
            case POW -> 0;
        };
        BinaryKernel.applyFloat(op, a, ao + done, b, bo + done, o, oo + done, n - done);
    }

    /** {@code o[oo + i] = op(x[xo + i])} for {@code i < n}. */
    static void unary(UnaryOp op, float[] x, int xo, float[] o, int oo, int n) {
        int done = switch (op) {
            case NEG -> neg(x, xo, o, oo, n);
            case ABS -> abs(x, xo, o, oo, n);
            case SQRT -> sqrt(x, xo, o, oo, n);
            case RELU -> relu(x, xo, o, oo, n);
            default -> 0;
        };
        UnaryKernel.applyFloat(op, x, xo + done, o, oo + done, n - done);
    }

    /** {@code o[oo + i] = c[co + i] != 0 ? a[ao + i] : b[bo + i]} (NaN is not 0) for the first lanes of {@code n}; returns how many. */
    static int where(float[] c, int co, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            y.blend(x, FloatVector.fromArray(S, c, co + i).compare(VectorOperators.NE, 0f)).intoArray(o, oo + i);
        }
        return bound;
    }

    private static int add(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            x.add(y).intoArray(o, oo + i);
        }
        return bound;
    }

    private static int sub(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            x.sub(y).intoArray(o, oo + i);
        }
        return bound;
    }

    private static int mul(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            x.mul(y).intoArray(o, oo + i);
        }
        return bound;
    }

    private static int div(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            x.div(y).intoArray(o, oo + i);
        }
        return bound;
    }

    private static int max(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            x.max(y).intoArray(o, oo + i);
        }
        return bound;
    }

    private static int min(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            x.min(y).intoArray(o, oo + i);
        }
        return bound;
    }

    private static int gt(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            ZERO.blend(ONE, x.compare(VectorOperators.GT, y)).intoArray(o, oo + i);
        }
        return bound;
    }

    private static int ge(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            ZERO.blend(ONE, x.compare(VectorOperators.GE, y)).intoArray(o, oo + i);
        }
        return bound;
    }

    private static int eq(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            ZERO.blend(ONE, x.compare(VectorOperators.EQ, y)).intoArray(o, oo + i);
        }
        return bound;
    }

    private static int neg(float[] in, int xo, float[] o, int oo, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, in, xo + i);
            x.neg().intoArray(o, oo + i);
        }
        return bound;
    }

    private static int abs(float[] in, int xo, float[] o, int oo, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, in, xo + i);
            x.abs().intoArray(o, oo + i);
        }
        return bound;
    }

    private static int sqrt(float[] in, int xo, float[] o, int oo, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, in, xo + i);
            x.sqrt().intoArray(o, oo + i);
        }
        return bound;
    }

    /** {@code x > 0 ? x : 0} as a blend: NaN and -0 become +0, as in the definition. */
    private static int relu(float[] in, int xo, float[] o, int oo, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, in, xo + i);
            ZERO.blend(x, x.compare(VectorOperators.GT, 0f)).intoArray(o, oo + i);
        }
        return bound;
    }
}
