// Host emulation of the CUDA dialect that native/kernels use (keywords, thread indices, __shared__,
// __syncthreads, the two conversion intrinsics), so that g++ compiles the real kernel sources for
// the CPU. Part of the GPU-less emulator (see README.md); never used on a GPU.
#pragma once
#include <math.h>
#include <stdint.h>
#include <barrier>
struct dim3 { unsigned x = 0, y = 0, z = 0; };
extern thread_local dim3 blockIdx, threadIdx;
extern dim3 blockDim, gridDim;
void __syncthreads();
#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __shared__ static
template <typename A, typename B> inline A min(A a, B b) { return a < (A) b ? a : (A) b; }
template <typename A, typename B> inline A max(A a, B b) { return a > (A) b ? a : (A) b; }
inline int __double2int_rz(double v) {
    if (v != v) return 0;
    if (v >= 2147483647.0) return 2147483647;
    if (v <= -2147483648.0) return (-2147483647 - 1);
    return (int) v;
}
inline float __double2float_rn(double v) { return (float) v; }
