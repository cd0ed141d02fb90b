// Counter-based random numbers, the CUDA twin of the CPU backend's Philox kernel:
//   random_<t>(dist, a, b, seed, offset, n, out, ov)   <t> in {f32, f64}
// Exactly the stream of io.faltung.spi.RandomSpec: row-major logical element i of the output takes
// the Philox-4x32-10 block with key (seed lo, seed hi) and counter (c lo, c hi, 0, 0), c = offset + i,
// and maps its words x0..x3 to UNIFORM [a, b), NORMAL (mean a, std b; Box-Muller on x2, x3) or
// BERNOULLI (1 when the uniform is below a). Sampling arithmetic is in double, then rounded to <t>.
// Launch: 1-D grid of 256-thread blocks, grid-stride loop.
#include "common.cuh"

enum Distribution { D_UNIFORM, D_NORMAL, D_BERNOULLI };

struct Words { unsigned int x0, x1, x2, x3; };

// Philox-4x32-10 (Salmon et al., SC'11): ten rounds of two 32x32->64-bit multiplies, Weyl key schedule.
__device__ __forceinline__ Words philox(unsigned long long seed, unsigned long long c) {
    unsigned int c0 = (unsigned int) c, c1 = (unsigned int) (c >> 32), c2 = 0, c3 = 0;
    unsigned int k0 = (unsigned int) seed, k1 = (unsigned int) (seed >> 32);
    for (int round = 0; round < 10; ++round) {
        if (round > 0) {
            k0 += 0x9E3779B9u;
            k1 += 0xBB67AE85u;
        }
        unsigned long long p0 = 0xD2511F53ull * c0;
        unsigned long long p1 = 0xCD9E8D57ull * c2;
        unsigned int n0 = (unsigned int) (p1 >> 32) ^ c1 ^ k0;
        unsigned int n1 = (unsigned int) p1;
        unsigned int n2 = (unsigned int) (p0 >> 32) ^ c3 ^ k1;
        unsigned int n3 = (unsigned int) p0;
        c0 = n0; c1 = n1; c2 = n2; c3 = n3;
    }
    Words w = {c0, c1, c2, c3};
    return w;
}

template <typename T> __device__ __forceinline__ double uniform(const Words& w);
template <> __device__ __forceinline__ double uniform<float>(const Words& w) {
    return (double) (w.x0 >> 8) * 0x1.0p-24;
}
template <> __device__ __forceinline__ double uniform<double>(const Words& w) {
    return ((double) (w.x0 >> 5) * 0x1.0p26 + (double) (w.x1 >> 6)) * 0x1.0p-53;
}

template <typename T>
__device__ void randomImpl(int dist, double a, double b, unsigned long long seed, unsigned long long offset,
                           unsigned long long n, T* out, Strided ov) {
    GRID_STRIDE_LOOP(i, n) {
        Words w = philox(seed, offset + i);
        double v;
        if (dist == D_UNIFORM) {
            v = a + (b - a) * uniform<T>(w);
        } else if (dist == D_BERNOULLI) {
            v = uniform<T>(w) < a ? 1.0 : 0.0;
        } else {
            double u1 = ((double) (w.x2 >> 8) + 1.0) * 0x1.0p-24;
            double u2 = (double) (w.x3 >> 8) * 0x1.0p-24;
            v = a + b * sqrt(-2.0 * log(u1)) * cos(2.0 * 3.141592653589793 * u2);
        }
        out[at(ov, i)] = Elem<T>::fromDouble(v);
    }
}

#define RANDOM_KERNEL(T, S)                                                                                \
    extern "C" __global__ void random_##S(int dist, double a, double b, unsigned long long seed,           \
                                          unsigned long long offset, unsigned long long n, T* out,         \
                                          Strided ov) {                                                    \
        randomImpl<T>(dist, a, b, seed, offset, n, out, ov);                                               \
    }

RANDOM_KERNEL(float, f32)
RANDOM_KERNEL(double, f64)
