// LSTM cell pointwise part, the CUDA twin of the CPU backend's LstmCellKernels (formulas: Backend's
// Javadoc). Row-major, contiguous; B = batch, H = hidden; <t> in {f32, f64}.
//   lstm_cell_fwd_<t>(B, H, gates[B,4H], cPrev[B,H], h[B,H], c[B,H], saved[B,4H])
//       gates are pre-activations in order i, f, g, o; c = s(f) cPrev + s(i) tanh(g),
//       h = s(o) tanh(c), saved = (s(i), s(f), tanh(g), s(o)).
//   lstm_cell_bwd_<t>(B, H, dh, dc, saved, cPrev, c, dGates[B,4H], dcPrev[B,H])
//       dc_total = dc + dh s(o) (1 - tanh(c)^2); pre-activation gradients
//       di = dc_total g i (1-i), df = dc_total cPrev f (1-f), dg = dc_total i (1-g^2),
//       do = dh tanh(c) o (1-o); dcPrev = dc_total f.
// Launch: one thread per (b, j) element of [B,H], 1-D grid of 256-thread blocks, grid-stride loop.
#include "common.cuh"

template <typename T>
__device__ void lstmForward(int batch, int hidden, const T* gates, const T* cPrev, T* h, T* c, T* saved) {
    unsigned long long n = (unsigned long long) batch * hidden;
    GRID_STRIDE_LOOP(idx, n) {
        unsigned long long b = idx / hidden, j = idx % hidden;
        const T* g = gates + b * 4 * hidden;
        T ig = sigmoid(g[j]);
        T fg = sigmoid(g[hidden + j]);
        T gg = mtanh(g[2 * hidden + j]);
        T og = sigmoid(g[3 * hidden + j]);
        T cv = fg * cPrev[idx] + ig * gg;
        c[idx] = cv;
        h[idx] = og * mtanh(cv);
        T* s = saved + b * 4 * hidden;
        s[j] = ig;
        s[hidden + j] = fg;
        s[2 * hidden + j] = gg;
        s[3 * hidden + j] = og;
    }
}

template <typename T>
__device__ void lstmBackward(int batch, int hidden, const T* dh, const T* dc, const T* saved, const T* cPrev,
                             const T* c, T* dGates, T* dcPrev) {
    unsigned long long n = (unsigned long long) batch * hidden;
    GRID_STRIDE_LOOP(idx, n) {
        unsigned long long b = idx / hidden, j = idx % hidden;
        const T* s = saved + b * 4 * hidden;
        T ig = s[j], fg = s[hidden + j], gg = s[2 * hidden + j], og = s[3 * hidden + j];
        T tc = mtanh(c[idx]);
        T dhv = dh[idx];
        T dct = dc[idx] + dhv * og * ((T) 1 - tc * tc);
        T* d = dGates + b * 4 * hidden;
        d[j] = dct * gg * ig * ((T) 1 - ig);
        d[hidden + j] = dct * cPrev[idx] * fg * ((T) 1 - fg);
        d[2 * hidden + j] = dct * ig * ((T) 1 - gg * gg);
        d[3 * hidden + j] = dhv * tc * og * ((T) 1 - og);
        dcPrev[idx] = dct * fg;
    }
}

#define LSTM_KERNELS(T, S)                                                                                  \
    extern "C" __global__ void lstm_cell_fwd_##S(int batch, int hidden, const T* gates, const T* cPrev, T* h, \
                                                 T* c, T* saved) {                                          \
        lstmForward<T>(batch, hidden, gates, cPrev, h, c, saved);                                           \
    }                                                                                                       \
    extern "C" __global__ void lstm_cell_bwd_##S(int batch, int hidden, const T* dh, const T* dc,            \
                                                 const T* saved, const T* cPrev, const T* c, T* dGates,     \
                                                 T* dcPrev) {                                               \
        lstmBackward<T>(batch, hidden, dh, dc, saved, cPrev, c, dGates, dcPrev);                            \
    }

LSTM_KERNELS(float, f32)
LSTM_KERNELS(double, f64)
