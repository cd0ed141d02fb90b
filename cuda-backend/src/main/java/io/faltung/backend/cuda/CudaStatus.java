package io.faltung.backend.cuda;

import jcuda.driver.CUresult;
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

    /**
     * The driver's name of {@code rc}, e.g. {@code CUDA_ERROR_NO_DEVICE (100)}. Deliberately not
     * {@code cuGetErrorString}: JCuda 12.6's binding dereferences the returned string even when the
     * driver reports an error (an unknown code), which crashes the JVM.
     */
    public static String driverError(int rc) {
        return CUresult.stringFor(rc) + " (" + rc + ")";
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
