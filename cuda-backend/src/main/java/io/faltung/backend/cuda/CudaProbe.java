package io.faltung.backend.cuda;

import io.faltung.spi.Availability;
import io.faltung.spi.DType;
import io.faltung.spi.View;
import java.util.Locale;

/**
 * What {@link CudaBackendProvider#probe()} does: open the device exactly as the backend would (driver,
 * device, kernels, cuBLAS, cuDNN), run the {@code fill} kernel on four ints and read them back, close
 * everything. Any failure becomes a one-line reason for the user.
 */
final class CudaProbe {
    private CudaProbe() {
    }

    /** Usable with the device description, or throws. */
    static Availability run(CudaOptions options) {
        try (CudaBackend backend = CudaBackend.open(options)) {
            int[] result = new int[4];
            try (var buffer = backend.allocate(DType.INT32, 4)) {
                backend.fill(View.contiguous(buffer, 4), 7);
                backend.download(buffer, 0, result, 0, 4);
            }
            for (int v : result) {
                if (v != 7) {
                    return Availability.unusable("Faltung's CUDA kernels cannot run: a fill kernel produced "
                            + java.util.Arrays.toString(result) + " instead of 7s");
                }
            }
            return Availability.usable(backend.description());
        }
    }

    /** A one-line reason for {@code t}, naming the missing piece where the error text reveals it. */
    static String reason(Throwable t) {
        String all = messages(t);
        String lower = all.toLowerCase(Locale.ROOT);
        if (lower.contains("libcuda.so") || lower.contains("could not initialize class jcuda.driver.jcudadriver")) {
            return "no CUDA driver: libcuda.so.1 could not be loaded (no NVIDIA driver on this machine?)";
        }
        if (lower.contains("libcublas")) {
            return "cuBLAS missing: " + missingLibrary(all, "libcublas");
        }
        if (lower.contains("libcudnn")) {
            return "cuDNN missing: " + missingLibrary(all, "libcudnn");
        }
        int failed = lower.indexOf("could not initialize class jcuda.");
        if (failed >= 0 && t instanceof CudaContext.OpenFailure f) {
            String cls = all.substring(failed + "could not initialize class ".length()).split("[\\s(]", 2)[0];
            return f.step.label + ": " + cls + " failed to initialise earlier in this JVM (its native library, or the"
                    + " CUDA library that one needs, could not be loaded)";
        }
        if (t instanceof CudaContext.OpenFailure) {
            return t.getMessage();
        }
        if (t instanceof LinkageError) {
            return "the CUDA bindings (JCuda) failed to load: " + CudaContext.describe(t);
        }
        return CudaContext.describe(t);
    }

    /** The text around the first mention of {@code library} (e.g. "libcublas.so.12: cannot open shared object file"). */
    private static String missingLibrary(String text, String library) {
        int at = text.toLowerCase(Locale.ROOT).indexOf(library);
        int end = text.indexOf('\n', at);
        String line = text.substring(at, end < 0 ? text.length() : end).trim();
        return line.length() > 160 ? line.substring(0, 160) + " …" : line;
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            sb.append(c).append('\n');
        }
        return sb.toString();
    }
}
