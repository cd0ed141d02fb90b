// Reductions, the CUDA twin of the CPU backend's ReduceKernels:
//   reduce_<t>(op, nOut, nRed, chunk, groupSize, x, kept, red, out, ov, partial)
//       SUM / MAX / MIN of x over the reduced axes. `kept` is x restricted to the kept axes (its
//       offset is x's), `red` x restricted to the reduced axes (offset 0); output o (row-major over
//       the kept axes) combines elements kept(o) + red(r) for r in [0, nRed). Each output is split
//       into ceil(nRed / chunk) slices; with one slice results go to out[ov(o)], otherwise slice s of
//       output o goes to partial[o * slices + s] and reduce_finish_<t> combines the slices in order.
//   reduce_finish_<t>(op, nOut, slices, partial, out, ov)
//   argmax_<t>(nOut, nAxis, groupSize, x, kept, axisStride, out, ov)
//       first index of the largest element along one axis (NaN beats numbers, the first NaN wins)
//       into an INT32 view.
// Accumulation is in float for f32 and in double for f64 and i32 (as the reference does for ints).
// MAX/MIN propagate NaN like Math.max/min. Launch: 256-thread blocks; each block holds
// 256 / groupSize groups (groupSize a power of two <= 256) and each group reduces one slice with a
// strided loop and a shared-memory tree; blocks loop over the slices grid-stride.
#include "common.cuh"

enum ReduceCode { R_SUM, R_MAX, R_MIN };

#define REDUCE_BLOCK 256

template <typename C> __device__ __forceinline__ C identity(int op) {
    return op == R_SUM ? (C) 0 : op == R_MAX ? (C) -INFINITY : (C) INFINITY;
}

template <typename C> __device__ __forceinline__ C combine(int op, C a, C b) {
    return op == R_SUM ? a + b : op == R_MAX ? jmax(a, b) : jmin(a, b);
}

template <typename T>
__device__ void reduceImpl(int op, unsigned long long nOut, unsigned long long nRed, unsigned long long chunk,
                           int groupSize, const T* x, Strided kept, Strided red, T* out, Strided ov,
                           typename Elem<T>::Compute* partial) {
    typedef typename Elem<T>::Compute C;
    __shared__ C smem[REDUCE_BLOCK];
    unsigned long long slices = nRed == 0 ? 1 : (nRed + chunk - 1) / chunk;
    unsigned long long items = nOut * slices;
    int perBlock = blockDim.x / groupSize;
    int lane = threadIdx.x % groupSize;
    int group = threadIdx.x / groupSize;
    for (unsigned long long base = (unsigned long long) blockIdx.x * perBlock; base < items;
         base += (unsigned long long) gridDim.x * perBlock) {
        unsigned long long g = base + group;
        unsigned long long o = g / slices;
        C acc = identity<C>(op);
        if (g < items) {
            unsigned long long lo = (g % slices) * chunk;
            unsigned long long hi = min(nRed, lo + chunk);
            long long xo = at(kept, o);
            for (unsigned long long r = lo + lane; r < hi; r += groupSize) {
                acc = combine(op, acc, Elem<T>::toCompute(x[xo + at(red, r)]));
            }
        }
        smem[threadIdx.x] = acc;
        __syncthreads();
        for (int w = groupSize / 2; w > 0; w >>= 1) {
            if (lane < w) smem[threadIdx.x] = combine(op, smem[threadIdx.x], smem[threadIdx.x + w]);
            __syncthreads();
        }
        if (g < items && lane == 0) {
            if (partial == nullptr) out[at(ov, o)] = Elem<T>::fromCompute(smem[threadIdx.x]);
            else partial[g] = smem[threadIdx.x];
        }
        __syncthreads();
    }
}

template <typename T>
__device__ void reduceFinishImpl(int op, unsigned long long nOut, unsigned long long slices,
                                 const typename Elem<T>::Compute* partial, T* out, Strided ov) {
    typedef typename Elem<T>::Compute C;
    GRID_STRIDE_LOOP(o, nOut) {
        C acc = identity<C>(op);
        for (unsigned long long s = 0; s < slices; ++s) acc = combine(op, acc, partial[o * slices + s]);
        out[at(ov, o)] = Elem<T>::fromCompute(acc);
    }
}

// Whether candidate (vb, ib) beats the current best (va, ia); index -1 marks "none yet".
template <typename C> __device__ __forceinline__ bool beats(C va, int ia, C vb, int ib) {
    if (ib < 0) return false;
    if (ia < 0) return true;
    bool na = isNan(va), nb = isNan(vb);
    if (na || nb) return na && nb ? ib < ia : nb;
    if (vb != va) return vb > va;
    return ib < ia;
}

template <typename T>
__device__ void argmaxImpl(unsigned long long nOut, int nAxis, int groupSize, const T* x, Strided kept,
                           int axisStride, int* out, Strided ov) {
    typedef typename Elem<T>::Compute C;
    __shared__ C value[REDUCE_BLOCK];
    __shared__ int index[REDUCE_BLOCK];
    int perBlock = blockDim.x / groupSize;
    int lane = threadIdx.x % groupSize;
    int group = threadIdx.x / groupSize;
    for (unsigned long long base = (unsigned long long) blockIdx.x * perBlock; base < nOut;
         base += (unsigned long long) gridDim.x * perBlock) {
        unsigned long long o = base + group;
        C best = (C) 0;
        int bestIndex = -1;
        if (o < nOut) {
            long long xo = at(kept, o);
            for (int j = lane; j < nAxis; j += groupSize) {
                C v = Elem<T>::toCompute(x[xo + (long long) j * axisStride]);
                if (beats(best, bestIndex, v, j)) { best = v; bestIndex = j; }
            }
        }
        value[threadIdx.x] = best;
        index[threadIdx.x] = bestIndex;
        __syncthreads();
        for (int w = groupSize / 2; w > 0; w >>= 1) {
            if (lane < w && beats(value[threadIdx.x], index[threadIdx.x], value[threadIdx.x + w], index[threadIdx.x + w])) {
                value[threadIdx.x] = value[threadIdx.x + w];
                index[threadIdx.x] = index[threadIdx.x + w];
            }
            __syncthreads();
        }
        if (o < nOut && lane == 0) out[at(ov, o)] = index[threadIdx.x];
        __syncthreads();
    }
}

#define REDUCE_KERNELS(T, S)                                                                                  \
    extern "C" __global__ void reduce_##S(int op, unsigned long long nOut, unsigned long long nRed,            \
                                          unsigned long long chunk, int groupSize, const T* x, Strided kept,   \
                                          Strided red, T* out, Strided ov, Elem<T>::Compute* partial) {        \
        reduceImpl<T>(op, nOut, nRed, chunk, groupSize, x, kept, red, out, ov, partial);                      \
    }                                                                                                          \
    extern "C" __global__ void reduce_finish_##S(int op, unsigned long long nOut, unsigned long long slices,    \
                                                 const Elem<T>::Compute* partial, T* out, Strided ov) {        \
        reduceFinishImpl<T>(op, nOut, slices, partial, out, ov);                                               \
    }                                                                                                          \
    extern "C" __global__ void argmax_##S(unsigned long long nOut, int nAxis, int groupSize, const T* x,       \
                                          Strided kept, int axisStride, int* out, Strided ov) {                \
        argmaxImpl<T>(nOut, nAxis, groupSize, x, kept, axisStride, out, ov);                                   \
    }

REDUCE_KERNELS(float, f32)
REDUCE_KERNELS(double, f64)
REDUCE_KERNELS(int, i32)
