// GRU cell pointwise part (PyTorch's formulation), the CUDA twin of the CPU backend's GruCellKernels
// (formulas: Backend's Javadoc). Row-major, contiguous; B = batch, H = hidden; <t> in {f32, f64}.
//   gru_cell_fwd_<t>(B, H, xGates[B,3H], hGates[B,3H], hPrev[B,H], h[B,H], saved[B,3H])
//       gate order r, z, n: r = s(xr+hr), z = s(xz+hz), n = tanh(xn + r hn),
//       h = (1-z) n + z hPrev, saved = (r, z, n).
//   gru_cell_bwd_<t>(B, H, dh, saved, hPrev, hGates, dxGates[B,3H], dhGates[B,3H], dhPrev[B,H])
//       dn' = dh (1-z) (1-n^2), dr' = dn' hn r (1-r), dz' = dh (hPrev-n) z (1-z);
//       dxGates = (dr', dz', dn'), dhGates = (dr', dz', dn' r), dhPrev = dh z (the direct part).
// Launch: one thread per (b, j) element of [B,H], 1-D grid of 256-thread blocks, grid-stride loop.
#include "common.cuh"

template <typename T>
__device__ void gruForward(int batch, int hidden, const T* xGates, const T* hGates, const T* hPrev, T* h,
                           T* saved) {
    unsigned long long n = (unsigned long long) batch * hidden;
    GRID_STRIDE_LOOP(idx, n) {
        unsigned long long b = idx / hidden, j = idx % hidden;
        const T* xg = xGates + b * 3 * hidden;
        const T* hg = hGates + b * 3 * hidden;
        T r = sigmoid(xg[j] + hg[j]);
        T z = sigmoid(xg[hidden + j] + hg[hidden + j]);
        T nv = mtanh(xg[2 * hidden + j] + r * hg[2 * hidden + j]);
        h[idx] = ((T) 1 - z) * nv + z * hPrev[idx];
        T* s = saved + b * 3 * hidden;
        s[j] = r;
        s[hidden + j] = z;
        s[2 * hidden + j] = nv;
    }
}

template <typename T>
__device__ void gruBackward(int batch, int hidden, const T* dh, const T* saved, const T* hPrev, const T* hGates,
                            T* dxGates, T* dhGates, T* dhPrev) {
    unsigned long long n = (unsigned long long) batch * hidden;
    GRID_STRIDE_LOOP(idx, n) {
        unsigned long long b = idx / hidden, j = idx % hidden;
        const T* s = saved + b * 3 * hidden;
        T r = s[j], z = s[hidden + j], nv = s[2 * hidden + j];
        T d = dh[idx];
        T dn = d * ((T) 1 - z) * ((T) 1 - nv * nv);
        T dr = dn * hGates[b * 3 * hidden + 2 * hidden + j] * r * ((T) 1 - r);
        T dz = d * (hPrev[idx] - nv) * z * ((T) 1 - z);
        T* dx = dxGates + b * 3 * hidden;
        T* dhg = dhGates + b * 3 * hidden;
        dx[j] = dr;
        dx[hidden + j] = dz;
        dx[2 * hidden + j] = dn;
        dhg[j] = dr;
        dhg[hidden + j] = dz;
        dhg[2 * hidden + j] = dn * r;
        dhPrev[idx] = d * z;
    }
}

#define GRU_KERNELS(T, S)                                                                                   \
    extern "C" __global__ void gru_cell_fwd_##S(int batch, int hidden, const T* xGates, const T* hGates,     \
                                                const T* hPrev, T* h, T* saved) {                           \
        gruForward<T>(batch, hidden, xGates, hGates, hPrev, h, saved);                                      \
    }                                                                                                       \
    extern "C" __global__ void gru_cell_bwd_##S(int batch, int hidden, const T* dh, const T* saved,          \
                                                const T* hPrev, const T* hGates, T* dxGates, T* dhGates,    \
                                                T* dhPrev) {                                                \
        gruBackward<T>(batch, hidden, dh, saved, hPrev, hGates, dxGates, dhGates, dhPrev);                  \
    }

GRU_KERNELS(float, f32)
GRU_KERNELS(double, f64)
