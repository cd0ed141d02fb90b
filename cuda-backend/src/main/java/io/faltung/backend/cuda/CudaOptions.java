package io.faltung.backend.cuda;

/**
 * Settings of a {@link CudaBackend}, read from system properties when the backend opens.
 *
 * @param device          ordinal of the GPU to use ({@code faltung.cuda.device}, default 0)
 * @param tf32            let cuBLAS and cuDNN use TF32 tensor cores for FLOAT32 ({@code faltung.cuda.tf32},
 *                        default false: FP32 math, so results match the CPU backend within float tolerance)
 * @param deterministic   only cuDNN algorithms that give bitwise-reproducible results
 *                        ({@code faltung.cuda.deterministic}, default false; the parity profile sets it)
 * @param benchmark       choose cuDNN convolution algorithms by timing them once per shape
 *                        ({@code faltung.cuda.cudnnBenchmark}, default false: cuDNN's heuristics)
 * @param workspaceLimit  largest cuDNN workspace in bytes an algorithm may need
 *                        ({@code faltung.cuda.workspaceMiB}, default 512 MiB)
 */
public record CudaOptions(int device, boolean tf32, boolean deterministic, boolean benchmark, long workspaceLimit) {

    /** Validates the values. */
    public CudaOptions {
        if (device < 0) {
            throw new IllegalArgumentException("faltung.cuda.device must be >= 0, got " + device);
        }
        if (workspaceLimit < 0) {
            throw new IllegalArgumentException("faltung.cuda.workspaceMiB must be >= 0, got " + workspaceLimit);
        }
    }

    /** The options given by system properties, with the defaults above. */
    public static CudaOptions fromSystemProperties() {
        return new CudaOptions(
                Integer.getInteger("faltung.cuda.device", 0),
                Boolean.getBoolean("faltung.cuda.tf32"),
                Boolean.getBoolean("faltung.cuda.deterministic"),
                Boolean.getBoolean("faltung.cuda.cudnnBenchmark"),
                Long.getLong("faltung.cuda.workspaceMiB", 512L) << 20);
    }

    /** These options with deterministic algorithms and no TF32: what parity runs use. */
    public CudaOptions forParity() {
        return new CudaOptions(device, false, true, false, workspaceLimit);
    }
}
