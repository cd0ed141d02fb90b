// Shared definitions of Faltung's CUDA kernels: the strided-view descriptor, element types with
// the conversions of the Java SPI, Java-compatible math, and the grid-stride loop.
//
// Layout: a view addresses element (i0, i1, ...) at offset + sum(ik * stride[k]) (in elements).
// The Java side (io.faltung.backend.cuda.StridedLayout) packs the same 80-byte struct.
// Launch shape of every elementwise kernel: 1-D grid, 256 threads per block, grid-stride loop.
#pragma once

#define FALTUNG_MAX_RANK 8

// Pure helpers are also compiled for the host, so native/test/host_test.cu can check them on a machine without a GPU.
#define FALTUNG_HD __host__ __device__ __forceinline__

struct Strided {
    long long offset;              // element offset of element (0, ..., 0)
    int rank;                      // number of axes after merging, 0 ... FALTUNG_MAX_RANK
    int shape[FALTUNG_MAX_RANK];   // extents, row-major logical order
    int stride[FALTUNG_MAX_RANK];  // element strides, may be 0 or negative
    int pad;                       // keeps sizeof at 80 on every compiler
};
static_assert(sizeof(Strided) == 80, "Strided must match the 80-byte layout packed by StridedLayout.java");

// Element offset of row-major logical element i of a view (32-bit index math when it fits).
FALTUNG_HD long long at(const Strided& v, unsigned long long i) {
    long long off = v.offset;
    if (i <= 0xFFFFFFFFull) {
        unsigned int j = (unsigned int) i;
        for (int k = v.rank - 1; k >= 0; --k) {
            unsigned int e = (unsigned int) v.shape[k];
            off += (long long) (j % e) * v.stride[k];
            j /= e;
        }
    } else {
        for (int k = v.rank - 1; k >= 0; --k) {
            unsigned long long e = (unsigned long long) v.shape[k];
            off += (long long) (i % e) * v.stride[k];
            i /= e;
        }
    }
    return off;
}

#define GRID_STRIDE_LOOP(i, n)                                                                   \
    for (unsigned long long i = (unsigned long long) blockIdx.x * blockDim.x + threadIdx.x; i < (n); \
         i += (unsigned long long) blockDim.x * gridDim.x)

// Element types. Compute is the type arithmetic happens in: the element type for floating point,
// double for INT32 (the reference computes in double and truncates when storing).
template <typename T> struct Elem;

template <> struct Elem<float> {
    typedef float Compute;
    __device__ static float toCompute(float v) { return v; }
    __device__ static float fromCompute(float v) { return v; }
    __device__ static float fromDouble(double v) { return __double2float_rn(v); }
    __device__ static double toDouble(float v) { return (double) v; }
};

template <> struct Elem<double> {
    typedef double Compute;
    __device__ static double toCompute(double v) { return v; }
    __device__ static double fromCompute(double v) { return v; }
    __device__ static double fromDouble(double v) { return v; }
    __device__ static double toDouble(double v) { return v; }
};

// INT32 stores truncate toward zero and saturate, NaN -> 0: Java's (int) cast.
template <> struct Elem<int> {
    typedef double Compute;
    __device__ static double toCompute(int v) { return (double) v; }
    __device__ static int fromCompute(double v) { return __double2int_rz(v); }
    __device__ static int fromDouble(double v) { return __double2int_rz(v); }
    __device__ static double toDouble(int v) { return (double) v; }
};

// Java-compatible math on float and double (Math.max/min propagate NaN and order -0 < +0;
// Math.pow is NaN for a NaN exponent and for |base| == 1 with an infinite exponent).
FALTUNG_HD bool isNan(float x) { return x != x; }
FALTUNG_HD bool isNan(double x) { return x != x; }

template <typename C> FALTUNG_HD C jmax(C a, C b) {
    if (isNan(a)) return a;
    if (isNan(b)) return b;
    if (a == (C) 0 && b == (C) 0) return signbit(a) ? b : a;
    return a > b ? a : b;
}

template <typename C> FALTUNG_HD C jmin(C a, C b) {
    if (isNan(a)) return a;
    if (isNan(b)) return b;
    if (a == (C) 0 && b == (C) 0) return signbit(a) ? a : b;
    return a < b ? a : b;
}

FALTUNG_HD float mexp(float x) { return expf(x); }
FALTUNG_HD double mexp(double x) { return exp(x); }
FALTUNG_HD float mlog(float x) { return logf(x); }
FALTUNG_HD double mlog(double x) { return log(x); }
FALTUNG_HD float msqrt(float x) { return sqrtf(x); }
FALTUNG_HD double msqrt(double x) { return sqrt(x); }
FALTUNG_HD float mtanh(float x) { return tanhf(x); }
FALTUNG_HD double mtanh(double x) { return tanh(x); }
FALTUNG_HD float msin(float x) { return sinf(x); }
FALTUNG_HD double msin(double x) { return sin(x); }
FALTUNG_HD float mcos(float x) { return cosf(x); }
FALTUNG_HD double mcos(double x) { return cos(x); }
FALTUNG_HD float mabs(float x) { return fabsf(x); }
FALTUNG_HD float mpow(float a, float b) { return powf(a, b); }
FALTUNG_HD double mpow(double a, double b) { return pow(a, b); }
FALTUNG_HD double mabs(double x) { return fabs(x); }

template <typename C> FALTUNG_HD C jpow(C a, C b) {
    if (isNan(b)) return b;
    if (mabs(a) == (C) 1 && isinf(b)) return (C) NAN;
    return mpow(a, b);
}

// Math.signum: NaN and signed zeros pass through.
template <typename C> FALTUNG_HD C jsignum(C x) {
    if (x > (C) 0) return (C) 1;
    if (x < (C) 0) return (C) -1;
    return x;
}

// UnaryOp.SIGMOID's two-branch definition (no overflow of exp for large |x|).
template <typename C> FALTUNG_HD C sigmoid(C x) {
    if (x >= (C) 0) return (C) 1 / ((C) 1 + mexp(-x));
    C e = mexp(x);
    return e / ((C) 1 + e);
}

// An elementwise operand: a strided view, or (data == nullptr) a scalar already converted to T.
template <typename T> __device__ __forceinline__ typename Elem<T>::Compute
operand(const T* data, const Strided& v, double scalar, unsigned long long i) {
    if (data == nullptr) return Elem<T>::toCompute(Elem<T>::fromDouble(scalar));
    return Elem<T>::toCompute(data[at(v, i)]);
}
