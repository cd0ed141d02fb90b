package io.faltung.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.spi.Backend;
import io.faltung.spi.BinaryOp;
import io.faltung.spi.Buffer;
import io.faltung.spi.DType;
import io.faltung.spi.GemmSpec;
import io.faltung.spi.PoolSpec;
import io.faltung.spi.PrimitiveOp;
import io.faltung.spi.Scalar;
import io.faltung.spi.UnaryOp;
import io.faltung.spi.View;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * The contract can fail: deliberately broken wrappers around the reference backend make exactly
 * the dynamic tests of the broken op fail (and nothing else), with messages that locate the error.
 */
class BackendContractFaultTest {

    /** A contract over {@code backend}, run programmatically instead of by the JUnit engine. */
    private static final class Contract extends BackendContract {
        private final Backend backend;
        private final Backend reference = new ReferenceBackend();

        Contract(Backend backend) {
            this.backend = backend;
        }

        @Override
        protected Backend backend() {
            return backend;
        }

        @Override
        protected Backend reference() {
            return reference;
        }
    }

    /** Outcome per dynamic test, keyed by case id (container · display name): "ok", "aborted: reason" or "failed: message". */
    private static Map<String, String> run(BackendContract contract) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        contract.parity().forEach(node -> tests(node).forEach(test -> {
            String outcome;
            try {
                test.getExecutable().execute();
                outcome = "ok";
            } catch (TestAbortedException e) {
                outcome = "aborted: " + e.getMessage();
            } catch (Throwable e) {
                outcome = "failed: " + e.getMessage();
            }
            outcomes.put(node.getDisplayName() + " · " + test.getDisplayName(), outcome);
        }));
        return outcomes;
    }

    private static Stream<DynamicTest> tests(DynamicNode node) {
        return node instanceof DynamicContainer c ? c.getChildren().map(DynamicTest.class::cast) : Stream.of((DynamicTest) node);
    }

    private static Set<String> withOutcome(Map<String, String> outcomes, String prefix) {
        return outcomes.entrySet().stream().filter(e -> e.getValue().startsWith(prefix)).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> displayNames(PrimitiveOp op, java.util.function.Predicate<OpCase> filter) {
        return OpCatalog.cases(op).stream().filter(filter).map(OpCase::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void expOffByOnePerMilleFailsExactlyTheExpCases() {
        Contract contract = new Contract(new ForwardingBackend(new ReferenceBackend()) {
            @Override
            public void unary(UnaryOp op, View x, View out) {
                super.unary(op, x, out);
                if (op == UnaryOp.EXP) {
                    super.binary(BinaryOp.MUL, out, new Scalar(1.001), out);
                }
            }
        });
        Map<String, String> outcomes = run(contract);
        Set<String> expFailures = displayNames(PrimitiveOp.UNARY, c -> c.name().startsWith("EXP "));
        assertTrue(expFailures.size() >= 20, "too few EXP cases: " + expFailures);
        assertEquals(expFailures, withOutcome(outcomes, "failed"));
        assertEquals(OpCatalog.all().size() - expFailures.size(), withOutcome(outcomes, "ok").size());
        String message = outcomes.get("UNARY · EXP [3, 5] contiguous → contiguous · FLOAT64");
        assertTrue(message.contains("UNARY · EXP [3, 5] contiguous → contiguous · FLOAT64 · output out: 15 of 15"
                + " elements outside"), message);
        assertTrue(message.matches(".*worst at index \\d+: expected \\S+, actual \\S+; max abs err \\S+, max rel err"
                + " 9\\.99\\d*E-4; mismatches: \\[0] expected .*"), message);

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        contract.summary().print(new PrintStream(table, true, StandardCharsets.UTF_8), "broken exp");
        String text = table.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("max abs err  max rel err  tolerance"), text);
        assertTrue(text.contains("cases: " + (OpCatalog.all().size() - expFailures.size()) + " passed, "
                + expFailures.size() + " failed, 0 skipped"), text);
    }

    @Test
    void argMaxTakingTheLastOfTiesFailsTheTieCases() {
        Map<String, String> outcomes = run(new Contract(new ForwardingBackend(new ReferenceBackend()) {
            @Override
            public void argMax(View x, int axis, View in) {
                int[] strides = x.strides().clone();
                int n = x.shape()[axis];
                strides[axis] = -strides[axis];
                View reversed = new View(x.buffer(), x.shape(), strides, x.offset() + (long) (n - 1) * x.strides()[axis]);
                super.argMax(reversed, axis, in);
                super.binary(BinaryOp.SUB, new Scalar(n - 1), in, in);
            }
        }));
        Set<String> failed = withOutcome(outcomes, "failed");
        assertTrue(failed.containsAll(displayNames(PrimitiveOp.ARG_MAX,
                c -> c.name().contains("TIES") || c.name().contains("bcast"))), failed.toString());
        assertTrue(displayNames(PrimitiveOp.ARG_MAX, c -> true).containsAll(failed), failed.toString());
    }

    @Test
    void gemmIgnoringBetaFailsTheAccumulatingCases() {
        Map<String, String> outcomes = run(new Contract(new ForwardingBackend(new ReferenceBackend()) {
            @Override
            public void gemm(GemmSpec spec, View a, View b, View c) {
                super.gemm(new GemmSpec(spec.transposeA(), spec.transposeB(), spec.alpha(), 0), a, b, c);
            }
        }));
        assertEquals(displayNames(PrimitiveOp.GEMM, c -> !c.name().contains(" β 0.0")), withOutcome(outcomes, "failed"));
    }

    @Test
    void fillWritingIntoTheGapsOfAStridedViewFails() {
        Map<String, String> outcomes = run(new Contract(new ForwardingBackend(new ReferenceBackend()) {
            @Override
            public void fill(View dst, double value) {
                super.fill(View.contiguous(dst.buffer(), Math.toIntExact(dst.buffer().size())), value);
            }
        }));
        Set<String> failed = withOutcome(outcomes, "failed");
        assertEquals(displayNames(PrimitiveOp.FILL, c -> c.name().contains("stepped")), failed);
    }

    @Test
    void maxPoolingThatPadsWithZerosFailsTheNegativeCases() {
        Map<String, String> outcomes = run(new Contract(new ForwardingBackend(new ReferenceBackend()) {
            @Override
            public void poolForward(PoolSpec spec, View x, View y) {
                if (spec.mode() != PoolSpec.Mode.MAX || spec.padH() + spec.padW() == 0) {
                    super.poolForward(spec, x, y);
                    return;
                }
                int[] s = x.shape();
                int[] padded = {s[0], s[1], s[2] + 2 * spec.padH(), s[3] + 2 * spec.padW()};
                try (Buffer buffer = allocate(x.dtype(), (long) padded[0] * padded[1] * padded[2] * padded[3])) {
                    View zeros = View.contiguous(buffer, padded);
                    fill(zeros, 0);
                    int[] strides = zeros.strides();
                    copy(x, new View(buffer, s, strides, (long) spec.padH() * strides[2] + spec.padW()));
                    super.poolForward(new PoolSpec(PoolSpec.Mode.MAX, spec.windowH(), spec.windowW(), spec.strideH(),
                            spec.strideW(), 0, 0), zeros, y);
                }
            }
        }));
        Set<String> failed = withOutcome(outcomes, "failed");
        assertTrue(failed.containsAll(displayNames(PrimitiveOp.POOL_FORWARD, c -> c.name().contains("NEGATIVE"))), failed.toString());
        assertTrue(displayNames(PrimitiveOp.POOL_FORWARD, c -> c.name().startsWith("MAX ")).containsAll(failed), failed.toString());
    }

    @Test
    void float64CasesAreSkippedWithTheReasonOnAFloat32OnlyBackend() {
        Map<String, String> outcomes = run(new Contract(new ForwardingBackend(new ReferenceBackend()) {
            @Override
            public boolean supports(DType dtype) {
                return dtype != DType.FLOAT64;
            }
        }));
        Set<String> aborted = withOutcome(outcomes, "aborted");
        Set<String> needing64 = OpCatalog.all().stream().filter(c -> c.requires().contains(DType.FLOAT64))
                .map(OpCase::id).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(needing64, aborted);
        assertTrue(outcomes.get("COPY · [3, 7] flipped → stepped FLOAT32→FLOAT64 · FLOAT64")
                .contains("reference does not support FLOAT64, needed by COPY"), outcomes.toString());
        assertFalse(withOutcome(outcomes, "ok").isEmpty());
        assertTrue(withOutcome(outcomes, "failed").isEmpty());
    }
}
