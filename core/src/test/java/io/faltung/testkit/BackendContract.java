package io.faltung.testkit;

import io.faltung.spi.Backend;
import io.faltung.spi.MemoryStats;
import io.faltung.spi.PrimitiveOp;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.AssertionFailedError;

/**
 * The parity contract every backend passes: one dynamic test per catalogue case (grouped by op),
 * each running the case on {@link #backend()} and on {@link #reference()} with identical seeded
 * inputs and comparing every output buffer within the case's {@link Tolerance}. A case whose dtypes
 * the backend does not support is skipped with an assumption naming the reason. After the run a
 * summary table goes to stdout.
 *
 * <pre>{@code
 * class CpuContractTest extends BackendContract {
 *     private final Backend cpu = new CpuBackend(), ref = new ReferenceBackend();
 *     protected Backend backend() { return cpu; }
 *     protected Backend reference() { return ref; }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendContract {
    private final ParitySummary summary = new ParitySummary();

    /** The backend under test. */
    protected abstract Backend backend();

    /** The backend it is compared with (the reference backend, or the CPU backend for CUDA). */
    protected abstract Backend reference();

    /** Known gaps: case id ({@link OpCase#id()}) to reason, skipped and printed. Target: empty. */
    protected Map<String, String> knownGaps() {
        return Map.of();
    }

    /** One container per op, one test per case; an op without cases yields a failing test. */
    @TestFactory
    public Stream<DynamicNode> parity() {
        return Arrays.stream(PrimitiveOp.values()).map(op -> {
            if (OpCatalog.cases(op).isEmpty()) {
                return DynamicTest.dynamicTest(op + " has no parity cases", () -> {
                    throw new AssertionFailedError(op + " has no cases in OpCatalog");
                });
            }
            return DynamicContainer.dynamicContainer(op.name(), OpCatalog.cases(op).stream()
                    .map(c -> DynamicTest.dynamicTest(c.name() + " · " + c.dtype(), () -> check(c))));
        });
    }

    /** Runs one case on both backends and fails with the {@link Comparison} message on a mismatch. */
    protected void check(OpCase opCase) {
        Backend backend = backend();
        Optional<String> unsupported = opCase.unsupportedBy(backend).or(() -> opCase.unsupportedBy(reference()));
        String gap = knownGaps().get(opCase.id());
        if (unsupported.isPresent() || gap != null) {
            String reason = unsupported.orElse("known gap: " + gap);
            summary.add(opCase, "skipped: " + reason);
            Assumptions.abort(reason);
        }
        Map<String, double[]> expected = opCase.run(reference());
        MemoryStats before = backend.memoryStats();
        Map<String, double[]> actual;
        try {
            actual = opCase.run(backend);
        } catch (RuntimeException e) {
            summary.add(opCase, "ERROR " + e.getClass().getSimpleName());
            throw new AssertionFailedError(opCase.id() + ": " + backend.name() + " threw " + e, e);
        }
        Comparison result = null;
        for (Map.Entry<String, double[]> output : expected.entrySet()) {
            String what = opCase.id() + " · output " + output.getKey();
            Comparison c = opCase.tolerance().compare(what, output.getValue(), actual.get(output.getKey()));
            result = result == null ? c : result.worse(c);
        }
        summary.add(opCase, result);
        if (!result.passed()) {
            throw new AssertionFailedError(result.message());
        }
        MemoryStats after = backend.memoryStats();
        if (after.liveBuffers() != before.liveBuffers() || after.liveBytes() != before.liveBytes()) {
            throw new AssertionFailedError(opCase.id() + ": " + backend.name() + " memoryStats went from " + before
                    + " to " + after + " although every buffer of the case was closed");
        }
    }

    /** The rows collected so far. */
    public ParitySummary summary() {
        return summary;
    }

    /** Prints the summary table. */
    @AfterAll
    void printSummary() {
        summary.print(System.out, backend().name() + " vs " + reference().name());
    }
}
