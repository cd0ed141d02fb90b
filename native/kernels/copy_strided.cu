// Strided copy with dtype conversion and fill, the CUDA twin of the CPU backend's CopyKernels:
//   copy_<s>_<d>(n, src, sv, dst, dv)   dst[i] = convert(src[i]) for row-major logical element i
//   fill_<t>(n, value, dst, dv)         dst[i] = value converted to <t>
// <s>, <d>, <t> in {f32, f64, i32}. Conversions are those of the Java SPI: widen to double, then
// round to nearest (float) or truncate toward zero with saturation, NaN -> 0 (int). Views are
// arbitrary strided views (Strided, common.cuh) of one logical shape. Launch: 1-D grid of
// 256-thread blocks, grid-stride loop.
#include "common.cuh"

template <typename S, typename D>
__device__ void copyImpl(unsigned long long n, const S* src, Strided sv, D* dst, Strided dv) {
    GRID_STRIDE_LOOP(i, n) {
        dst[at(dv, i)] = Elem<D>::fromDouble(Elem<S>::toDouble(src[at(sv, i)]));
    }
}

template <typename T> __device__ void fillImpl(unsigned long long n, double value, T* dst, Strided dv) {
    T v = Elem<T>::fromDouble(value);
    GRID_STRIDE_LOOP(i, n) {
        dst[at(dv, i)] = v;
    }
}

#define COPY_KERNEL(S, SS, D, DS)                                                                        \
    extern "C" __global__ void copy_##SS##_##DS(unsigned long long n, const S* src, Strided sv, D* dst,  \
                                                Strided dv) {                                            \
        copyImpl<S, D>(n, src, sv, dst, dv);                                                             \
    }
#define COPY_KERNELS_FROM(S, SS) COPY_KERNEL(S, SS, float, f32) COPY_KERNEL(S, SS, double, f64) COPY_KERNEL(S, SS, int, i32)

COPY_KERNELS_FROM(float, f32)
COPY_KERNELS_FROM(double, f64)
COPY_KERNELS_FROM(int, i32)

#define FILL_KERNEL(T, S)                                                                                 \
    extern "C" __global__ void fill_##S(unsigned long long n, double value, T* dst, Strided dv) {         \
        fillImpl<T>(n, value, dst, dv);                                                                   \
    }

FILL_KERNEL(float, f32)
FILL_KERNEL(double, f64)
FILL_KERNEL(int, i32)
