// libcublas.so.12 for the emulator: cublas[SD]gemmStridedBatched as cuBLAS defines them (column-major,
// transpose flags, leading dimensions and batch strides), with cuBLAS's argument checks, so a wrong
// leading dimension from the backend fails as it would on a GPU. Accumulates in double.
#include <cstdio>
extern "C" {
int cublasCreate_v2(void** h) { *h = (void*) 0x10; return 0; }
int cublasDestroy_v2(void*) { return 0; }
int cublasSetStream_v2(void*, void*) { return 0; }
int cublasSetPointerMode_v2(void*, int) { return 0; }
int cublasSetMathMode(void*, int mode) { return mode == 0 || mode == 3 ? 0 : 7; }
int cublasGetVersion_v2(void*, int* v) { *v = 120603; return 0; }
}
template <typename T>
static int gemm(int ta, int tb, int m, int n, int k, const T* alpha, const T* A, int lda, long long sA, const T* B, int ldb,
                long long sB, const T* beta, T* C, int ldc, long long sC, int batch) {
    if (m < 0 || n < 0 || k < 0 || batch < 0) return 7;
    int ra = ta == 0 ? m : k, rb = tb == 0 ? k : n;
    if (lda < (ra > 1 ? ra : 1) || ldb < (rb > 1 ? rb : 1) || ldc < (m > 1 ? m : 1)) {
        std::fprintf(stderr, "emu cublas: bad ld (m=%d n=%d k=%d lda=%d ldb=%d ldc=%d ta=%d tb=%d)\n", m, n, k, lda, ldb, ldc, ta, tb);
        return 7;  // CUBLAS_STATUS_INVALID_VALUE
    }
    for (int p = 0; p < batch; ++p) {
        const T* a = A + p * sA;
        const T* b = B + p * sB;
        T* c = C + p * sC;
        for (int i = 0; i < m; ++i) {
            for (int j = 0; j < n; ++j) {
                double sum = 0;
                for (int l = 0; l < k; ++l) {
                    T x = ta == 0 ? a[i + (long long) l * lda] : a[l + (long long) i * lda];
                    T y = tb == 0 ? b[l + (long long) j * ldb] : b[j + (long long) l * ldb];
                    sum += (double) x * y;
                }
                T& out = c[i + (long long) j * ldc];
                out = (T) (*alpha * sum + (*beta == 0 ? 0 : *beta * (double) out));
            }
        }
    }
    return 0;
}
extern "C" int cublasSgemmStridedBatched(void*, int ta, int tb, int m, int n, int k, const float* alpha, const float* A, int lda,
        long long sA, const float* B, int ldb, long long sB, const float* beta, float* C, int ldc, long long sC, int batch) {
    return gemm(ta, tb, m, n, k, alpha, A, lda, sA, B, ldb, sB, beta, C, ldc, sC, batch);
}
extern "C" int cublasDgemmStridedBatched(void*, int ta, int tb, int m, int n, int k, const double* alpha, const double* A, int lda,
        long long sA, const double* B, int ldb, long long sB, const double* beta, double* C, int ldc, long long sC, int batch) {
    return gemm(ta, tb, m, n, k, alpha, A, lda, sA, B, ldb, sB, beta, C, ldc, sC, batch);
}
