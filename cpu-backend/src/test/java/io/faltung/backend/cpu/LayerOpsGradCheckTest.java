package io.faltung.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faltung.ops.Convolution;
import io.faltung.ops.Pooling;
import io.faltung.ops.RecurrentCells;
import io.faltung.spi.ConvSpec;
import io.faltung.spi.PoolSpec;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Tensor;
import io.faltung.testkit.GradCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The convolution, pooling and cell ops differentiated on the CPU backend (FLOAT64 through the
 * kernels' portable paths): autograd against central differences, as in core on the reference.
 */
class LayerOpsGradCheckTest {
    private final CpuBackend cpu = new CpuBackend(2);
    private final Scope scope = Scope.open();
    private final SplittableRandom random = new SplittableRandom(3);
    private final GradCheck check = GradCheck.standard();

    @AfterEach
    void close() {
        scope.close();
        assertEquals(0, cpu.memoryStats().liveBuffers(), "buffers left open: " + cpu.memoryStats());
        cpu.close();
    }

    private Tensor input(int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextDouble(-1, 1);
        }
        return Tensor.of(cpu, values, shape);
    }

    @Test
    void convolutionWithGroupsStridePaddingDilation() {
        ConvSpec spec = new ConvSpec(2, 1, 1, 1, 1, 2, 2);
        check.check("cpu conv2d", in -> Convolution.conv2d(in[0], in[1], spec), input(3, 4, 6, 7), input(4, 2, 3, 2));
    }

    @Test
    void poolingInEveryMode() {
        for (PoolSpec.Mode mode : PoolSpec.Mode.values()) {
            PoolSpec spec = new PoolSpec(mode, 2, 3, 2, 2, 1, 1);
            check.check("cpu pool2d " + mode, in -> Pooling.pool2d(in[0], spec), input(3, 2, 5, 6));
        }
    }

    @Test
    void lstmAndGruSteps() {
        check.check("cpu lstm 2 steps", in -> {
            RecurrentCells.LstmStep s = RecurrentCells.lstmCell(in[0], in[1]);
            RecurrentCells.LstmStep t = RecurrentCells.lstmCell(s.h().matmul(in[2]), s.c());
            return Tensor.concat(1, t.h(), t.c());
        }, input(3, 8), input(3, 2), input(2, 8));
        check.check("cpu gru", in -> RecurrentCells.gruCell(in[0], in[1], in[2]), input(2, 9), input(2, 9), input(2, 3));
    }
}
