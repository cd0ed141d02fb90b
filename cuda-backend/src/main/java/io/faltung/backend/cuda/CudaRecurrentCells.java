package io.faltung.backend.cuda;

import io.faltung.backend.cuda.library.KernelArgs;
import io.faltung.backend.cuda.library.Kernels;
import io.faltung.spi.View;

/**
 * LSTM and GRU cells on the GPU ({@code native/kernels/lstm_cell.cu}, {@code gru_cell.cu}): the
 * pointwise part of one step, with the formulas of the Backend Javadoc. All views are contiguous
 * row-major of one floating dtype; {@code [B, G·H]} gate views and {@code [B, H]} state views.
 */
final class CudaRecurrentCells {
    private final CudaContext ctx;

    CudaRecurrentCells(CudaContext ctx) {
        this.ctx = ctx;
    }

    void lstmForward(View gates, View cPrev, View h, View c, View saved) {
        int[] bh = dims("lstmCellForward", gates, 4);
        check("lstmCellForward", gates, bh, new String[] {"cPrev", "h", "c", "saved"}, new View[] {cPrev, h, c, saved},
                new int[] {1, 1, 1, 4});
        launch("lstm_cell_fwd_", bh, gates, cPrev, h, c, saved);
    }

    void lstmBackward(View dh, View dc, View saved, View cPrev, View c, View dGates, View dcPrev) {
        int[] bh = dims("lstmCellBackward", saved, 4);
        check("lstmCellBackward", saved, bh, new String[] {"dh", "dc", "cPrev", "c", "dGates", "dcPrev"},
                new View[] {dh, dc, cPrev, c, dGates, dcPrev}, new int[] {1, 1, 1, 1, 4, 1});
        launch("lstm_cell_bwd_", bh, dh, dc, saved, cPrev, c, dGates, dcPrev);
    }

    void gruForward(View xGates, View hGates, View hPrev, View h, View saved) {
        int[] bh = dims("gruCellForward", xGates, 3);
        check("gruCellForward", xGates, bh, new String[] {"hGates", "hPrev", "h", "saved"}, new View[] {hGates, hPrev, h, saved},
                new int[] {3, 1, 1, 3});
        launch("gru_cell_fwd_", bh, xGates, hGates, hPrev, h, saved);
    }

    void gruBackward(View dh, View saved, View hPrev, View hGates, View dxGates, View dhGates, View dhPrev) {
        int[] bh = dims("gruCellBackward", saved, 3);
        check("gruCellBackward", saved, bh, new String[] {"dh", "hPrev", "hGates", "dxGates", "dhGates", "dhPrev"},
                new View[] {dh, hPrev, hGates, dxGates, dhGates, dhPrev}, new int[] {1, 1, 3, 3, 3, 1});
        launch("gru_cell_bwd_", bh, dh, saved, hPrev, hGates, dxGates, dhGates, dhPrev);
    }

    /** {B, H} from a [B, gates·H] view. */
    private static int[] dims(String op, View gateView, int gates) {
        ViewChecks.rank(op, "gates", gateView, 2);
        ViewChecks.floating(op, "gates", gateView);
        if (gateView.shape()[1] % gates != 0) {
            throw new IllegalArgumentException(op + ": gate view " + gateView + " must have " + gates + "·H columns");
        }
        return new int[] {gateView.shape()[0], gateView.shape()[1] / gates};
    }

    /** Checks that {@code views[i]} is a contiguous [B, widths[i]·H] view of the reference's dtype. */
    private static void check(String op, View reference, int[] bh, String[] names, View[] views, int[] widths) {
        ViewChecks.contiguous(op, "gates", reference);
        for (int i = 0; i < views.length; i++) {
            ViewChecks.shape(op, names[i], views[i], bh[0], widths[i] * bh[1]);
            ViewChecks.dtype(op, names[i], views[i], reference.dtype());
            ViewChecks.contiguous(op, names[i], views[i]);
        }
    }

    private void launch(String kernel, int[] bh, View... views) {
        KernelArgs args = new KernelArgs().i32(bh[0]).i32(bh[1]);
        for (View v : views) {
            args.ptr(ctx.buffer(v).at(v.offset()));
        }
        ctx.kernels.launch(kernel + Kernels.suffix(views[0].dtype()), (long) bh[0] * bh[1], args);
    }
}
