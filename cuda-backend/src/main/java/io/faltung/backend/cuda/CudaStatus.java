package io.faltung.backend.cuda;

import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.cublasStatus;
import jcuda.jcudnn.JCudnn;

/**
 * Turns status codes of the CUDA driver, cuBLAS and cuDNN into exceptions that name the failed call.
 * cuDNN codes are formatted with {@code cudnnGetErrorString} (cuDNN 9 renumbered them, so JCudnn's
 * constant names would lie).
 */
public final class CudaStatus {
    private CudaStatus() {
    }

    /** Throws {@link CudaException} unless {@code rc} is {@code CUDA_SUCCESS}. */
    public static void driver(int rc, String call) {
        if (rc != CUresult.CUDA_SUCCESS) {
            throw new CudaException(call + " failed: " + driverError(rc));
        }
    }

    /** The driver's name and description of {@code rc}, e.g. {@code CUDA_ERROR_NO_DEVICE (no CUDA-capable device is detected)}. */
    public static String driverError(int rc) {
        String[] text = new String[1];
        String description = "";
        try {
            if (JCudaDriver.cuGetErrorString(rc, text) == CUresult.CUDA_SUCCESS && text[0] != null) {
                description = " (" + text[0] + ")";
            }
        } catch (RuntimeException | LinkageError e) {
            description = "";
        }
        return CUresult.stringFor(rc) + description;
    }

    /** Throws {@link CudaException} unless {@code rc} is {@code CUBLAS_STATUS_SUCCESS}. */
    public static void cublas(int rc, String call) {
        if (rc != cublasStatus.CUBLAS_STATUS_SUCCESS) {
            throw new CudaException(call + " failed: " + cublasStatus.stringFor(rc) + " (" + rc + ")");
        }
    }

    /** Throws {@link CudaException} unless {@code rc} is {@code CUDNN_STATUS_SUCCESS} (0 in every cuDNN). */
    public static void cudnn(int rc, String call) {
        if (rc != 0) {
            throw new CudaException(call + " failed: " + JCudnn.cudnnGetErrorString(rc) + " (" + rc + ")");
        }
    }
}
