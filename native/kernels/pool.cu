// Max-pooling backward, the CUDA twin of the CPU backend's PoolKernel for MAX (cuDNN runs the
// forward pass and the averages; its max backward does not promise the SPI's tie rule):
//   maxpool_bwd_<t>(geometry[12], x, dy, dx)    <t> in {f32, f64}
// geometry = N, C, H, W, P, Q, windowH, windowW, strideH, strideW, padH, padW; NCHW, contiguous.
// Each output's gradient goes to the first maximum of its window in row-major order (padding never
// wins, NaN counts as the largest). Gather form, so it is deterministic: one thread per dx element
// visits the outputs whose window covers it, in ascending order, re-finds each window's first
// maximum and sums the gradients routed to itself. Launch: 1-D grid of 256-thread blocks,
// grid-stride loop over N*C*H*W.
#include "common.cuh"

struct PoolGeometry { int n, c, h, w, p, q, wh, ww, sh, sw, ph, pw; };

// Flat index (within the plane) of the first maximum of output (p, q)'s window.
template <typename T>
__device__ int firstMax(const PoolGeometry& g, const T* plane, int p, int q) {
    int best = -1;
    T bestValue = (T) 0;
    for (int r = 0; r < g.wh; ++r) {
        int hi = p * g.sh - g.ph + r;
        if (hi < 0 || hi >= g.h) continue;
        for (int s = 0; s < g.ww; ++s) {
            int wi = q * g.sw - g.pw + s;
            if (wi < 0 || wi >= g.w) continue;
            T v = plane[hi * g.w + wi];
            if (best < 0 || v > bestValue || (isNan(v) && !isNan(bestValue))) {
                best = hi * g.w + wi;
                bestValue = v;
            }
        }
    }
    return best;
}

template <typename T>
__device__ void maxPoolBackward(PoolGeometry g, const T* x, const T* dy, T* dx) {
    unsigned long long n = (unsigned long long) g.n * g.c * g.h * g.w;
    GRID_STRIDE_LOOP(i, n) {
        unsigned long long planeIndex = i / ((unsigned long long) g.h * g.w);
        int at = (int) (i % ((unsigned long long) g.h * g.w));
        int hi = at / g.w, wi = at % g.w;
        const T* plane = x + planeIndex * g.h * g.w;
        const T* dyPlane = dy + planeIndex * g.p * g.q;
        // outputs whose window rows cover hi: p * sh - ph <= hi <= p * sh - ph + wh - 1
        int pLo = max(0, (hi + g.ph - g.wh + g.sh) / g.sh);
        if (hi + g.ph - g.wh + 1 <= 0) pLo = 0;
        int pHi = min(g.p - 1, (hi + g.ph) / g.sh);
        int qLo = max(0, (wi + g.pw - g.ww + g.sw) / g.sw);
        if (wi + g.pw - g.ww + 1 <= 0) qLo = 0;
        int qHi = min(g.q - 1, (wi + g.pw) / g.sw);
        T sum = (T) 0;
        for (int p = pLo; p <= pHi; ++p) {
            for (int q = qLo; q <= qHi; ++q) {
                if (firstMax(g, plane, p, q) == at) sum += dyPlane[p * g.q + q];
            }
        }
        dx[i] = sum;
    }
}

#define POOL_KERNELS(T, S)                                                                                  \
    extern "C" __global__ void maxpool_bwd_##S(PoolGeometry g, const T* x, const T* dy, T* dx) {            \
        maxPoolBackward<T>(g, x, dy, dx);                                                                   \
    }

POOL_KERNELS(float, f32)
POOL_KERNELS(double, f64)
