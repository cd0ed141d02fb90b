package io.faltung.backend.cpu.kernels;

import io.faltung.backend.cpu.CpuBuffer;
import io.faltung.backend.cpu.Parallel;
import io.faltung.backend.cpu.kernels.Scratch.Slot;
import io.faltung.spi.View;

/**
 * LSTM_CELL_FORWARD and LSTM_CELL_BACKWARD: the elementwise half of an LSTM step, fused into one
 * pass over {@code [B, H]} (the GEMMs producing the gates are separate calls). Gates are
 * {@code [B, 4H]} in the order i, f, g, o; {@code saved} holds the activated gates.
 *
 * <pre>
 * forward:  c = σ(f)·cPrev + σ(i)·tanh(g),  h = σ(o)·tanh(c)
 * backward: dc' = dc + dh·σ(o)·(1 − tanh²c);  dcPrev = dc'·σ(f)
 *           d(i, f, g, o) = (dc'·tanh g·σ'(i), dc'·cPrev·σ'(f), dc'·σ(i)·(1 − tanh²g), dh·tanh c·σ'(o))
 * </pre>
 *
 * <p>One batch row at a time (rows split over the pool): its gate row and state rows are widened
 * into per-thread double scratch, computed there, and narrowed into the outputs — one pass, each
 * element read and written once, the same code for FLOAT32 and FLOAT64.
 */
public final class LstmCellKernel {
    private LstmCellKernel() {
    }

    /** Writes {@code h}, {@code c} and {@code saved} from {@code gates} and {@code cPrev}. */
    public static void forward(Parallel pool, View gates, View cPrev, View h, View c, View saved) {
        CellRows rows = CellRows.of("lstmCellForward", 4, new View[] {gates, saved}, new String[] {"gates", "saved"},
                new View[] {cPrev, h, c}, new String[] {"cPrev", "h", "c"});
        int n = rows.hidden();
        Object gs = CpuBuffer.arrayOf(gates);
        Object cps = CpuBuffer.arrayOf(cPrev);
        Object hs = CpuBuffer.arrayOf(h);
        Object cs = CpuBuffer.arrayOf(c);
        Object ss = CpuBuffer.arrayOf(saved);
        if (rows.vectorised()) {
            rows.run(pool, row -> CellVectorKernel.lstmForward(n, (float[]) gs, CellRows.at(gates, row), (float[]) cps,
                    CellRows.at(cPrev, row), (float[]) hs, CellRows.at(h, row), (float[]) cs, CellRows.at(c, row),
                    (float[]) ss, CellRows.at(saved, row)));
            return;
        }
        rows.run(pool, row -> {
            double[] gate = Scratch.doubles(Slot.ROW_A, 4 * n);
            double[] cell = Scratch.doubles(Slot.ROW_B, n);
            double[] out = Scratch.doubles(Slot.ROW_C, n);
            CellRows.load(gates, gs, row, gate);
            CellRows.load(cPrev, cps, row, cell);
            for (int j = 0; j < n; j++) {
                double i = CellRows.sigmoid(gate[j]);
                double f = CellRows.sigmoid(gate[n + j]);
                double g = CellRows.tanh(gate[2 * n + j]);
                double o = CellRows.sigmoid(gate[3 * n + j]);
                double next = f * cell[j] + i * g;
                out[j] = o * CellRows.tanh(next);
                cell[j] = next;
                gate[j] = i;
                gate[n + j] = f;
                gate[2 * n + j] = g;
                gate[3 * n + j] = o;
            }
            CellRows.store(out, h, hs, row);
            CellRows.store(cell, c, cs, row);
            CellRows.store(gate, saved, ss, row);
        });
    }

    /** Writes {@code dGates} and {@code dcPrev} from {@code dh}, {@code dc}, {@code saved}, {@code cPrev} and {@code c}. */
    public static void backward(Parallel pool, View dh, View dc, View saved, View cPrev, View c, View dGates, View dcPrev) {
        CellRows rows = CellRows.of("lstmCellBackward", 4, new View[] {saved, dGates}, new String[] {"saved", "dGates"},
                new View[] {cPrev, dh, dc, c, dcPrev}, new String[] {"cPrev", "dh", "dc", "c", "dcPrev"});
        int n = rows.hidden();
        Object dhs = CpuBuffer.arrayOf(dh);
        Object dcs = CpuBuffer.arrayOf(dc);
        Object ss = CpuBuffer.arrayOf(saved);
        Object cps = CpuBuffer.arrayOf(cPrev);
        Object cs = CpuBuffer.arrayOf(c);
        Object dgs = CpuBuffer.arrayOf(dGates);
        Object dcps = CpuBuffer.arrayOf(dcPrev);
        if (rows.vectorised()) {
            rows.run(pool, row -> CellVectorKernel.lstmBackward(n, (float[]) dhs, CellRows.at(dh, row), (float[]) dcs,
                    CellRows.at(dc, row), (float[]) ss, CellRows.at(saved, row), (float[]) cps, CellRows.at(cPrev, row),
                    (float[]) cs, CellRows.at(c, row), (float[]) dgs, CellRows.at(dGates, row), (float[]) dcps,
                    CellRows.at(dcPrev, row)));
            return;
        }
        rows.run(pool, row -> {
            double[] gate = Scratch.doubles(Slot.ROW_A, 4 * n);
            double[] gradH = Scratch.doubles(Slot.ROW_B, n);
            double[] gradC = Scratch.doubles(Slot.ROW_C, n);
            double[] prev = Scratch.doubles(Slot.ROW_D, n);
            double[] cell = Scratch.doubles(Slot.ROW_E, n);
            CellRows.load(saved, ss, row, gate);
            CellRows.load(dh, dhs, row, gradH);
            CellRows.load(dc, dcs, row, gradC);
            CellRows.load(cPrev, cps, row, prev);
            CellRows.load(c, cs, row, cell);
            for (int j = 0; j < n; j++) {
                double i = gate[j];
                double f = gate[n + j];
                double g = gate[2 * n + j];
                double o = gate[3 * n + j];
                double tc = CellRows.tanh(cell[j]);
                double total = gradC[j] + gradH[j] * o * (1 - tc * tc);
                gate[j] = total * g * i * (1 - i);
                gate[n + j] = total * prev[j] * f * (1 - f);
                gate[2 * n + j] = total * i * (1 - g * g);
                gate[3 * n + j] = gradH[j] * tc * o * (1 - o);
                gradC[j] = total * f;
            }
            CellRows.store(gate, dGates, dgs, row);
            CellRows.store(gradC, dcPrev, dcps, row);
        });
    }
}
