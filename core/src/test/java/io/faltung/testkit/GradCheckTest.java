package io.faltung.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.autograd.Autograd;
import io.faltung.spi.DType;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * GradCheck itself (it catches wrong rules, including ones a plain sum would hide) and, as its
 * first users, the backward rules of {@code io.faltung.ops} on the reference backend.
 */
class GradCheckTest {
    private final GradCheck check = GradCheck.standard();
    private ReferenceBackend backend;
    private Scope scope;
    private final SplittableRandom random = new SplittableRandom(7);

    @BeforeEach
    void open() {
        backend = new ReferenceBackend();
        scope = Scope.open();
    }

    @AfterEach
    void closeAndCheckForLeaks() {
        scope.close();
        assertEquals(0, backend.memoryStats().liveBuffers(), "buffers left open: " + backend.memoryStats());
        backend.close();
    }

    private Tensor input(double low, double high, int... shape) {
        double[] values = new double[Math.toIntExact(Shape.of(shape).size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (random.nextBoolean() ? 1 : -1) * random.nextDouble(low, high);
        }
        return Tensor.of(backend, values, shape);
    }

    private Tensor positive(int... shape) {
        return input(0.5, 2, shape).abs();
    }

    @Test
    void inPlaceCheckCatchesAGradientHiddenFromAutograd() {
        Tensor x = input(0.5, 1.5, 2, 3);
        check.checkInPlace("x·x", () -> x.mul(x), java.util.List.of(x));
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> check.checkInPlace("x·detach(x)", () -> x.mul(x.detach()), java.util.List.of(x)));
        assertTrue(e.getMessage().contains("leaf 0"), e.getMessage());
        assertEquals(x.toDoubleArray().length, 6);
    }

    @Test
    void unaryRules() {
        Tensor x = input(0.2, 1.5, 3, 4);
        Tensor p = positive(3, 4);
        check.check("neg·exp·tanh·sigmoid·sin·cos", in -> in[0].neg().exp().tanh().add(in[0].sigmoid())
                .add(in[0].sin().mul(in[0].cos())), x);
        check.check("log·sqrt·reciprocal", in -> in[0].log().add(in[0].sqrt()).add(in[0].reciprocal()), p);
        check.check("abs·relu away from 0", in -> in[0].abs().mul(in[0].relu().add(1)), x);
    }

    @Test
    void binaryRulesWithBroadcasting() {
        Tensor a = input(0.5, 2, 2, 3);
        Tensor b = input(0.5, 2, 3);
        Tensor p = positive(2, 3);
        check.check("add·sub·mul·div", in -> in[0].add(in[1]).mul(in[0].sub(in[1])).div(in[1]), a, b);
        check.check("pow", in -> in[0].pow(in[1]), p, b);
        check.check("maximum·minimum", in -> in[0].maximum(in[1]).add(in[0].minimum(in[1].mul(0.3))), a, b);
        check.check("scalar forms", in -> in[0].mul(2).sub(1).div(3).pow(2).rsub(4).rdiv(5), b);
    }

    @Test
    void reductionRules() {
        Tensor x = input(0.1, 2, 2, 3, 4);
        check.check("sum axes (0,2)", in -> in[0].sum(new int[] {0, 2}, false), x);
        check.check("mean keepDims", in -> in[0].mean(new int[] {1}, true).mul(in[0]), x);
        check.check("max/min without ties", in -> in[0].max(new int[] {2}, false).add(in[0].min(new int[] {2}, false)), x);
    }

    @Test
    void movementRules() {
        Tensor x = input(0.1, 2, 2, 3, 4);
        check.check("permute·slice·flip", in -> in[0].permute(2, 0, 1).slice(0, 1, 4, 2).flip(1, 2), x);
        check.check("reshape·pad·transpose", in -> in[0].reshape(6, 4).pad(new int[] {1, 0}, new int[] {0, 2}).transpose(), x);
        check.check("expand·concat", in -> Tensor.concat(1, in[0], in[0].slice(1, 0, 1).expand(Shape.of(2, 2, 4))), x);
    }

    @Test
    void unbindRule() {
        Tensor x = input(0.1, 2, 2, 5, 3);
        check.check("unbind middle axis, pieces reused and one unused", in -> {
            Tensor[] steps = in[0].unbind(1);
            return steps[0].mul(steps[1]).add(steps[2].tanh()).add(steps[4].mul(steps[0]));
        }, x);
        check.check("unbind of a transposed view", in -> {
            Tensor[] rows = in[0].transpose(0, 2).unbind(0);
            return Tensor.concat(0, rows[2], rows[0].sin());
        }, x);
    }

    @Test
    void unbindBackwardAllocatesOneGradientNotOnePerPiece() {
        Tensor x = input(0.1, 1, 4, 64, 8).requiresGrad(true);
        long before = backend.memoryStats().liveBytes();
        Tensor y = null;
        for (Tensor step : x.unbind(1)) {
            y = y == null ? step : y.add(step);
        }
        long peakBefore = backend.memoryStats().peakBytes();
        y.sum().backward();
        long added = backend.memoryStats().peakBytes() - Math.max(peakBefore, before);
        long xBytes = x.size() * 8;
        assertTrue(added < 4 * xBytes, "backward of 64 pieces grew memory by " + added + " bytes; x has " + xBytes);
        double[] g = x.grad().toDoubleArray();
        for (double v : g) {
            assertEquals(1, v, 0);
        }
        x.grad().close();
    }

    @Test
    void matmulAndWhere() {
        Tensor a = input(0.1, 1, 2, 3, 4);
        Tensor b = input(0.1, 1, 4, 5);
        check.check("batched matmul", in -> in[0].matmul(in[1]).tanh(), a, b);
        Tensor w = input(0.1, 1, 5, 4);
        Tensor h = input(0.1, 1, 3, 4);
        check.check("matmul of transposed operands", in -> {
            Tensor y = in[1].matmul(in[0].transpose()).tanh();
            return in[0].transpose().matmul(y.transpose()).add(in[1].transpose());
        }, w, h);
        Tensor c = input(0.1, 1, 3, 4);
        Tensor d = input(0.1, 1, 3, 4);
        check.check("where", in -> Tensor.where(in[0].gt(0), in[0].mul(in[1]), in[1].exp()), c, d);
    }

    /** x² with a backward rule of g·x instead of 2·g·x. */
    private static Tensor wrongSquare(Tensor x) {
        Tensor out = x.detach().mul(x.detach());
        return Autograd.record(out, "wrongSquare", g -> new Tensor[] {g.mul(x)}, x);
    }

    /** Reverses a vector but forgets to reverse the gradient: invisible to a plain sum. */
    private static Tensor unflippedGradient(Tensor x) {
        Tensor out = x.detach().flip(0).contiguous();
        return Autograd.record(out, "reverse", g -> new Tensor[] {g.mul(1)}, x);
    }

    @Test
    void aWrongRuleFailsWithTheWorstElement() {
        Tensor x = Tensor.of(backend, new double[] {1, -2, 3, 0.5}, 2, 2);
        GradCheck.Report report = check.run("wrong square", in -> wrongSquare(in[0]).sum(), x);
        assertFalse(report.passed());
        String m = report.message();
        assertTrue(m.startsWith("GradCheck wrong square · input 0 [2, 2]"), m);
        assertTrue(m.contains("worst at index 2: expected 6.0000"), m);
        assertTrue(m.contains("actual 3.0"), m);
        assertTrue(m.endsWith("worst element is [1, 0]"), m);
        assertThrows(AssertionFailedError.class, () -> check.check("wrong square", in -> wrongSquare(in[0]).sum(), x));
    }

    @Test
    void nonScalarOutputsAreContractedWithDistinctWeights() {
        Tensor x = Tensor.of(backend, new double[] {1, 2, 3, 4, 5}, 5);
        assertTrue(check.run("plain sum hides it", in -> unflippedGradient(in[0]).sum(), x).passed());
        GradCheck.Report report = check.run("reverse", in -> unflippedGradient(in[0]), x);
        assertFalse(report.passed(), report.message());
    }

    @Test
    void float32OutputsAreRejected() {
        Tensor x = Tensor.of(backend, new double[] {1, 2}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> check.run("f32", in -> in[0].to(DType.FLOAT32), x));
        assertTrue(e.getMessage().contains("returned FLOAT32"), e.getMessage());
    }
}
