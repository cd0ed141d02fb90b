package io.faltung.backend.cuda.library;

import io.faltung.backend.cuda.CudaStatus;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasMath;
import jcuda.jcublas.cublasOperation;
import jcuda.jcublas.cublasPointerMode;
import jcuda.runtime.cudaStream_t;

/**
 * A cuBLAS handle on the backend's stream and the one call the SPI needs:
 * {@code cublas[SD]gemmStridedBatched} in cuBLAS's column-major terms. Math mode is
 * {@code CUBLAS_DEFAULT_MATH} (true FP32, so results match the CPU backend) unless TF32 was asked for,
 * then {@code CUBLAS_TF32_TENSOR_OP_MATH}. Note that the environment variable
 * {@code NVIDIA_TF32_OVERRIDE=1} would force TF32 behind our back; parity runs must not set it.
 */
public final class Cublas implements AutoCloseable {
    private final cublasHandle handle = new cublasHandle();

    /** One column-major operand of a strided batched product. */
    public record Operand(CUdeviceptr pointer, boolean transpose, int ld, long batchStride) {
    }

    /** Creates the handle, binds it to {@code stream} and sets the math mode. */
    public Cublas(CUstream stream, boolean tf32) {
        CudaStatus.cublas(JCublas2.cublasCreate(handle), "cublasCreate");
        try {
            CudaStatus.cublas(JCublas2.cublasSetStream(handle, new cudaStream_t(stream)), "cublasSetStream");
            CudaStatus.cublas(JCublas2.cublasSetPointerMode(handle, cublasPointerMode.CUBLAS_POINTER_MODE_HOST),
                    "cublasSetPointerMode");
            int mode = tf32 ? cublasMath.CUBLAS_TF32_TENSOR_OP_MATH : cublasMath.CUBLAS_DEFAULT_MATH;
            CudaStatus.cublas(JCublas2.cublasSetMathMode(handle, mode), "cublasSetMathMode(" + mode + ")");
        } catch (RuntimeException e) {
            JCublas2.cublasDestroy(handle);
            throw e;
        }
    }

    /** The library version, e.g. {@code 12.6.3}. */
    public String version() {
        int[] v = new int[1];
        CudaStatus.cublas(JCublas2.cublasGetVersion(handle, v), "cublasGetVersion");
        return v[0] / 10000 + "." + v[0] % 10000 / 100 + "." + v[0] % 100;
    }

    /**
     * Column-major {@code C[m×n] = alpha · op(A)[m×k] · op(B)[k×n] + beta · C} for {@code batch}
     * products; {@code doublePrecision} picks {@code Dgemm} over {@code Sgemm}.
     */
    public void gemmStridedBatched(boolean doublePrecision, int m, int n, int k, double alpha, Operand a, Operand b,
            double beta, CUdeviceptr c, int ldc, long strideC, int batch) {
        int ta = a.transpose() ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N;
        int tb = b.transpose() ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N;
        if (doublePrecision) {
            CudaStatus.cublas(JCublas2.cublasDgemmStridedBatched(handle, ta, tb, m, n, k, Pointer.to(new double[] {alpha}),
                    a.pointer(), a.ld(), a.batchStride(), b.pointer(), b.ld(), b.batchStride(), Pointer.to(new double[] {beta}),
                    c, ldc, strideC, batch), "cublasDgemmStridedBatched(m=" + m + ", n=" + n + ", k=" + k + ", batch=" + batch + ")");
        } else {
            CudaStatus.cublas(JCublas2.cublasSgemmStridedBatched(handle, ta, tb, m, n, k, Pointer.to(new float[] {(float) alpha}),
                    a.pointer(), a.ld(), a.batchStride(), b.pointer(), b.ld(), b.batchStride(), Pointer.to(new float[] {(float) beta}),
                    c, ldc, strideC, batch), "cublasSgemmStridedBatched(m=" + m + ", n=" + n + ", k=" + k + ", batch=" + batch + ")");
        }
    }

    @Override
    public void close() {
        JCublas2.cublasDestroy(handle);
    }
}
