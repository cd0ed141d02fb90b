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
FALTUNG_HD Words philox4x32_10(Words c, unsigned int k0, unsigned int k1) {
    for (int round = 0; round < 10; ++round) {
        if (round > 0) {
            k0 += 0x9E3779B9u;
            k1 += 0xBB67AE85u;
        }
        unsigned long long p0 = 0xD2511F53ull * c.x0;
        unsigned long long p1 = 0xCD9E8D57ull * c.x2;
        Words n = {(unsigned int) (p1 >> 32) ^ c.x1 ^ k0, (unsigned int) p1, (unsigned int) (p0 >> 32) ^ c.x3 ^ k1,
                   (unsigned int) p0};
        c = n;
    }
    return c;
}

// The block of stream position c under seed: key (seed lo, seed hi), counter (c lo, c hi, 0, 0).
FALTUNG_HD Words philox(unsigned long long seed, unsigned long long c) {
    Words counter = {(unsigned int) c, (unsigned int) (c >> 32), 0u, 0u};
    return philox4x32_10(counter, (unsigned int) seed, (unsigned int) (seed >> 32));
}

// The uniform in [0, 1) of a block: 24 bits for float, 53 bits for double.
template <typename T> FALTUNG_HD double uniform(const Words& w);
template <> FALTUNG_HD double uniform<float>(const Words& w) {
    return (double) (w.x0 >> 8) * 0x1.0p-24;
}
template <> FALTUNG_HD double uniform<double>(const Words& w) {
    return ((double) (w.x0 >> 5) * 0x1.0p26 + (double) (w.x1 >> 6)) * 0x1.0p-53;
}

// One sample of the distribution from a block, in double (rounded to T by the caller).
template <typename T> FALTUNG_HD double sample(int dist, double a, double b, const Words& w) {
    if (dist == D_UNIFORM) return a + (b - a) * uniform<T>(w);
    if (dist == D_BERNOULLI) return uniform<T>(w) < a ? 1.0 : 0.0;
    double u1 = ((double) (w.x2 >> 8) + 1.0) * 0x1.0p-24;
    double u2 = (double) (w.x3 >> 8) * 0x1.0p-24;
    return a + b * sqrt(-2.0 * log(u1)) * cos(2.0 * 3.141592653589793 * u2);
}

template <typename T>
__device__ void randomImpl(int dist, double a, double b, unsigned long long seed, unsigned long long offset,
                           unsigned long long n, T* out, Strided ov) {
    GRID_STRIDE_LOOP(i, n) {
        out[at(ov, i)] = Elem<T>::fromDouble(sample<T>(dist, a, b, philox(seed, offset + i)));
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
