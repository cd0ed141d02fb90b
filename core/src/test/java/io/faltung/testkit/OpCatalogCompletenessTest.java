package io.faltung.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.spi.BinaryOp;
import io.faltung.spi.DType;
import io.faltung.spi.PoolSpec;
import io.faltung.spi.PrimitiveOp;
import io.faltung.spi.ReduceOp;
import io.faltung.spi.UnaryOp;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalogue is complete by construction: every primitive, every enum value, both float dtypes. */
class OpCatalogCompletenessTest {
    /** Primitives whose SPI contract requires contiguous operands: no strided layouts, but offset views. */
    private static final Set<PrimitiveOp> CONTIGUOUS_ONLY = Set.of(PrimitiveOp.CONV_FORWARD,
            PrimitiveOp.CONV_BACKWARD_DATA, PrimitiveOp.CONV_BACKWARD_FILTER, PrimitiveOp.POOL_FORWARD,
            PrimitiveOp.POOL_BACKWARD, PrimitiveOp.LSTM_CELL_FORWARD, PrimitiveOp.LSTM_CELL_BACKWARD,
            PrimitiveOp.GRU_CELL_FORWARD, PrimitiveOp.GRU_CELL_BACKWARD);

    @Test
    void everyPrimitiveHasCasesInBothFloatDTypes() {
        for (PrimitiveOp op : PrimitiveOp.values()) {
            List<OpCase> cases = OpCatalog.cases(op);
            assertFalse(cases.isEmpty(), op + " has no case in OpCatalog");
            for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
                assertTrue(cases.stream().anyMatch(c -> c.dtype() == t), op + " has no " + t + " case");
            }
        }
    }

    @Test
    void everyEnumeratedFunctionHasCases() {
        assertCovered(PrimitiveOp.UNARY, List.of(UnaryOp.values()));
        assertCovered(PrimitiveOp.BINARY, List.of(BinaryOp.values()));
        assertCovered(PrimitiveOp.REDUCE, List.of(ReduceOp.values()));
        assertCovered(PrimitiveOp.POOL_FORWARD, List.of(PoolSpec.Mode.values()));
        assertCovered(PrimitiveOp.POOL_BACKWARD, List.of(PoolSpec.Mode.values()));
        for (String flags : List.of(" AB ", " AᵀB ", " ABᵀ ", " AᵀBᵀ ")) {
            assertTrue(OpCatalog.cases(PrimitiveOp.GEMM).stream().anyMatch(c -> c.name().contains(flags)),
                    "no GEMM case with" + flags);
        }
    }

    private static void assertCovered(PrimitiveOp op, List<? extends Enum<?>> functions) {
        for (Enum<?> f : functions) {
            long n = OpCatalog.cases(op).stream().filter(c -> c.name().startsWith(f.name() + " ")).count();
            assertTrue(n >= 6, op + " " + f + " has only " + n + " cases");
        }
    }

    @Test
    void everyOpMeetsNegativeStridesAndMostMeetEveryLayout() {
        for (PrimitiveOp op : PrimitiveOp.values()) {
            if (CONTIGUOUS_ONLY.contains(op)) {
                assertTrue(OpCatalog.cases(op).stream().anyMatch(c -> c.name().contains(" " + Layout.OFFSET.name())),
                        op + " has no case with an operand at an offset in its buffer");
                continue;
            }
            if (op == PrimitiveOp.FILL || op == PrimitiveOp.RANDOM) {
                assertTrue(OpCatalog.cases(op).stream().anyMatch(c -> c.name().contains("flipped")), op.name());
                continue;
            }
            for (Layout layout : Layout.STRIDED) {
                assertTrue(OpCatalog.cases(op).stream().anyMatch(c -> c.name().contains(" " + layout.name())),
                        op + " has no case with a " + layout + " operand");
            }
            if (op != PrimitiveOp.FILL) {
                assertTrue(OpCatalog.cases(op).stream().anyMatch(c -> c.name().contains("bcast")),
                        op + " has no case with a 0-stride operand");
            }
        }
    }

    @Test
    void casesAreDeterministicAndRunOnTheReference() {
        try (ReferenceBackend reference = new ReferenceBackend()) {
            for (OpCase c : OpCatalog.all()) {
                Map<String, double[]> first = c.run(reference);
                Map<String, double[]> second = c.run(reference);
                assertEquals(first.keySet(), second.keySet(), c.id());
                first.forEach((name, values) -> assertArrayEquals(values, second.get(name), c.id() + " " + name));
                assertTrue(first.values().stream().allMatch(v -> v.length > 0), c.id());
            }
            assertEquals(0, reference.memoryStats().liveBuffers(), "cases leaked buffers");
        }
    }

    @Test
    void caseIdsAreUnique() {
        Map<String, Long> counts = OpCatalog.all().stream().collect(Collectors.groupingBy(OpCase::id,
                Collectors.counting()));
        counts.forEach((id, n) -> assertEquals(1, n, id));
        System.out.println("parity catalogue: " + counts.size() + " cases");
    }
}
