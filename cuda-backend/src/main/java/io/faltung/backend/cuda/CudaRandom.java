package io.faltung.backend.cuda;

import io.faltung.backend.cuda.library.KernelArgs;
import io.faltung.backend.cuda.library.Kernels;
import io.faltung.spi.RandomSpec;
import io.faltung.spi.View;

/** RANDOM on the GPU ({@code native/kernels/philox.cu}): the counter-based stream of {@link RandomSpec}. */
final class CudaRandom {
    private final CudaContext ctx;

    CudaRandom(CudaContext ctx) {
        this.ctx = ctx;
    }

    /** Kernel code of {@code d} (the enum in philox.cu). */
    static int code(RandomSpec.Distribution d) {
        return switch (d) {
            case UNIFORM -> 0;
            case NORMAL -> 1;
            case BERNOULLI -> 2;
        };
    }

    void random(RandomSpec spec, long seed, long offset, View out) {
        String name = "random " + spec.distribution();
        ViewChecks.floating(name, "out", out);
        ViewChecks.writable(name, out);
        StridedLayout.Merged m = StridedLayout.merge(name, out);
        KernelArgs args = new KernelArgs().i32(code(spec.distribution())).f64(spec.a()).f64(spec.b()).i64(seed).i64(offset)
                .i64(m.size()).ptr(ctx.buffer(out).base()).strided(StridedLayout.pack(m, 0, out.offset()));
        ctx.kernels.launch("random_" + Kernels.suffix(out.dtype()), m.size(), args);
    }
}
