package io.faltung.backend.cpu;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The catalogue's LSTM and GRU cases only. The build runs this class a second time in a JVM without
 * {@code jdk.incubator.vector}, so that the portable FLOAT32 path of the cell kernels (taken when
 * the Vector API is absent) is held to the reference as well as the vectorised one.
 */
class CellParityTest extends CpuContractTest {
    private static final Set<String> CELL_OPS = Set.of("LSTM_CELL_FORWARD", "LSTM_CELL_BACKWARD", "GRU_CELL_FORWARD",
            "GRU_CELL_BACKWARD");

    @Override
    @TestFactory
    public Stream<DynamicNode> parity() {
        return super.parity().filter(node -> CELL_OPS.contains(node.getDisplayName()));
    }
}
