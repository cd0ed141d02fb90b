package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.CpuBuffer;
import io.faltung.backend.cpu.Parallel;
import io.faltung.backend.cpu.kernels.Scratch.Slot;
import io.faltung.spi.View;

/**
 * GRU_CELL_FORWARD and GRU_CELL_BACKWARD (PyTorch's formulation, reset gate applied to the hidden
 * part of the candidate), fused into one pass over {@code [B, H]}. {@code xGates} and
 * {@code hGates} are {@code [B, 3H]} in the order r, z, n; {@code saved} holds (r, z, n).
 *
 * <pre>
 * forward:  r = σ(xr + hr), z = σ(xz + hz), n = tanh(xn + r·hn), h = (1 − z)·n + z·hPrev
 * backward: dn' = dh·(1 − z)·(1 − n²), dz' = dh·(hPrev − n)·σ'(z), dr' = dn'·hn·σ'(r)
 *           dxGates = (dr', dz', dn'), dhGates = (dr', dz', dn'·r), dhPrev = dh·z (direct part only)
 * </pre>
 *
 * <p>Shaped like {@link LstmCellKernel}: batch rows over the pool, each row widened into per-thread
 * double scratch, computed in place and narrowed into the outputs.
 */
public final class GruCellKernel {
    private GruCellKernel() {
    }

    /** Writes {@code h} and {@code saved} from the two gate matrices and {@code hPrev}. */
    public static void forward(Parallel pool, View xGates, View hGates, View hPrev, View h, View saved) {
        CellRows rows = CellRows.of("gruCellForward", 3, new View[] {xGates, hGates, saved},
                new String[] {"xGates", "hGates", "saved"}, new View[] {hPrev, h}, new String[] {"hPrev", "h"});
        int n = rows.hidden();
        Object xs = CpuBuffer.arrayOf(xGates);
        Object hgs = CpuBuffer.arrayOf(hGates);
        Object hps = CpuBuffer.arrayOf(hPrev);
        Object hs = CpuBuffer.arrayOf(h);
        Object ss = CpuBuffer.arrayOf(saved);
        if (rows.vectorised()) {
            rows.run(pool, row -> CellVectorKernel.gruForward(n, (float[]) xs, CellRows.at(xGates, row), (float[]) hgs,
                    CellRows.at(hGates, row), (float[]) hps, CellRows.at(hPrev, row), (float[]) hs, CellRows.at(h, row),
                    (float[]) ss, CellRows.at(saved, row)));
            return;
        }
        rows.run(pool, row -> {
            double[] gate = Scratch.doubles(Slot.ROW_A, 3 * n);
            double[] hidden = Scratch.doubles(Slot.ROW_B, 3 * n);
            double[] prev = Scratch.doubles(Slot.ROW_C, n);
            CellRows.load(xGates, xs, row, gate);
            CellRows.load(hGates, hgs, row, hidden);
            CellRows.load(hPrev, hps, row, prev);
            for (int j = 0; j < n; j++) {
                double r = CellRows.sigmoid(gate[j] + hidden[j]);
                double z = CellRows.sigmoid(gate[n + j] + hidden[n + j]);
                double cand = CellRows.tanh(gate[2 * n + j] + r * hidden[2 * n + j]);
                prev[j] = (1 - z) * cand + z * prev[j];
                gate[j] = r;
                gate[n + j] = z;
                gate[2 * n + j] = cand;
            }
            CellRows.store(prev, h, hs, row);
            CellRows.store(gate, saved, ss, row);
        });
    }

    /** Writes {@code dxGates}, {@code dhGates} and the direct part of {@code dhPrev} from {@code dh}. */
    public static void backward(Parallel pool, View dh, View saved, View hPrev, View hGates, View dxGates, View dhGates,
                                View dhPrev) {
        CellRows rows = CellRows.of("gruCellBackward", 3, new View[] {saved, hGates, dxGates, dhGates},
                new String[] {"saved", "hGates", "dxGates", "dhGates"}, new View[] {hPrev, dh, dhPrev},
                new String[] {"hPrev", "dh", "dhPrev"});
        int n = rows.hidden();
        Object dhs = CpuBuffer.arrayOf(dh);
        Object ss = CpuBuffer.arrayOf(saved);
        Object hps = CpuBuffer.arrayOf(hPrev);
        Object hgs = CpuBuffer.arrayOf(hGates);
        Object dxs = CpuBuffer.arrayOf(dxGates);
        Object dhgs = CpuBuffer.arrayOf(dhGates);
        Object dhps = CpuBuffer.arrayOf(dhPrev);
        if (rows.vectorised()) {
            rows.run(pool, row -> CellVectorKernel.gruBackward(n, (float[]) dhs, CellRows.at(dh, row), (float[]) ss,
                    CellRows.at(saved, row), (float[]) hps, CellRows.at(hPrev, row), (float[]) hgs, CellRows.at(hGates, row),
                    (float[]) dxs, CellRows.at(dxGates, row), (float[]) dhgs, CellRows.at(dhGates, row), (float[]) dhps,
                    CellRows.at(dhPrev, row)));
            return;
        }
        rows.run(pool, row -> {
            double[] gate = Scratch.doubles(Slot.ROW_A, 3 * n);
            double[] hidden = Scratch.doubles(Slot.ROW_B, 3 * n);
            double[] grad = Scratch.doubles(Slot.ROW_C, n);
            double[] prev = Scratch.doubles(Slot.ROW_D, n);
            CellRows.load(saved, ss, row, gate);
            CellRows.load(hGates, hgs, row, hidden);
            CellRows.load(dh, dhs, row, grad);
            CellRows.load(hPrev, hps, row, prev);
            for (int j = 0; j < n; j++) {
                double r = gate[j];
                double z = gate[n + j];
                double cand = gate[2 * n + j];
                double dn = grad[j] * (1 - z) * (1 - cand * cand);
                double dz = grad[j] * (prev[j] - cand) * z * (1 - z);
                double dr = dn * hidden[2 * n + j] * r * (1 - r);
                gate[j] = dr;
                gate[n + j] = dz;
                gate[2 * n + j] = dn;
                hidden[j] = dr;
                hidden[n + j] = dz;
                hidden[2 * n + j] = dn * r;
                grad[j] *= z;
            }
            CellRows.store(gate, dxGates, dxs, row);
            CellRows.store(hidden, dhGates, dhgs, row);
            CellRows.store(grad, dhPrev, dhps, row);
        });
    }
}
