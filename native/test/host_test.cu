// Host-side checks of the kernels' pure helpers, run by build-fatbin.sh whenever it compiles the
// fatbin (no GPU needed): Philox-4x32-10 against the Random123 known answers, RandomSpec's sample
// mapping against values the Java reference (io.faltung.testkit.reference.ReferenceRandom) printed,
// strided addressing, and the Java-compatible math (NaN, signed zeros, pow, sigmoid).
#include "philox.cu"

#include <cstdio>
#include <cstring>
#include <cmath>

static int passed = 0, failed = 0;

static void check(bool ok, const char* what) {
    if (ok) {
        ++passed;
    } else {
        ++failed;
        std::printf("FAIL %s\n", what);
    }
}

static double bits(unsigned long long b) {
    double d;
    std::memcpy(&d, &b, sizeof d);
    return d;
}

static bool sameWords(Words w, unsigned a, unsigned b, unsigned c, unsigned d) {
    return w.x0 == a && w.x1 == b && w.x2 == c && w.x3 == d;
}

struct Expected { unsigned long long offset; int dist; int bits; double a, b; unsigned long long value; };

// Printed by the Java reference for seed 0x123456789abcdef0 (dist 0 UNIFORM, 1 NORMAL, 2 BERNOULLI).
static const Expected SAMPLES[] = {
    {0ull, 0, 32, -1.0, 3.0, 0xbfeb69b280000000ull},
    {0ull, 0, 64, -1.0, 3.0, 0xbfeb69b2587c7b44ull},
    {0ull, 1, 32, 0.5, 2.0, 0x3ff2bfb421aef3e4ull},
    {0ull, 1, 64, 0.5, 2.0, 0x3ff2bfb421aef3e4ull},
    {0ull, 2, 32, 0.4, 0.0, 0x3ff0000000000000ull},
    {0ull, 2, 32, 0.03, 0.0, 0x0000000000000000ull},
    {1ull, 0, 32, -1.0, 3.0, 0xbfbd899c00000000ull},
    {1ull, 0, 64, -1.0, 3.0, 0xbfbd8999cfb18580ull},
    {1ull, 1, 64, 0.5, 2.0, 0xc00fdd89686fdd3eull},
    {4294967301ull, 0, 32, -1.0, 3.0, 0xbfeb698a00000000ull},
    {4294967301ull, 0, 64, -1.0, 3.0, 0xbfeb6989a0d5f22cull},
    {4294967301ull, 1, 32, 0.5, 2.0, 0xbff7a85a425f1e82ull},
};

int main() {
    Words zero = {0u, 0u, 0u, 0u};
    check(sameWords(philox4x32_10(zero, 0u, 0u), 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u), "Random123 KAT zero");
    Words ones = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu};
    check(sameWords(philox4x32_10(ones, 0xffffffffu, 0xffffffffu), 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu),
          "Random123 KAT all ones");
    Words pi = {0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u};
    check(sameWords(philox4x32_10(pi, 0xa4093822u, 0x299f31d0u), 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u),
          "Random123 KAT pi");
    const unsigned long long seed = 0x123456789abcdef0ull;
    check(sameWords(philox(seed, 7), 0x2a23b679u, 0x84c69006u, 0x0481a097u, 0x0ae2270eu), "seed/counter split as RandomSpec");

    for (const Expected& e : SAMPLES) {
        Words w = philox(seed, e.offset);
        double v = e.bits == 32 ? sample<float>(e.dist, e.a, e.b, w) : sample<double>(e.dist, e.a, e.b, w);
        double want = bits(e.value);
        char what[96];
        std::snprintf(what, sizeof what, "sample dist %d f%d offset %llu: %.17g vs %.17g", e.dist, e.bits, e.offset, v, want);
        if (e.dist == 1) {
            check(std::fabs(v - want) <= 4e-16 * std::fabs(want), what);  // log/cos may differ in the last bits
        } else if (e.bits == 32) {
            check((float) v == (float) want, what);
        } else {
            check(v == want, what);
        }
    }

    Strided v = {11, 2, {3, 4}, {-4, 1}, 0};
    check(at(v, 5) == 8 && at(v, 0) == 11 && at(v, 11) == 6, "strided offsets with a negative stride");
    Strided scalar = {3, 0, {0}, {0}, 0};
    check(at(scalar, 0) == 3, "rank-0 view");

    check(!std::signbit(jmax(-0.0, 0.0)) && !std::signbit(jmax(0.0, -0.0)), "Math.max(-0, +0) = +0");
    check(std::signbit(jmin(0.0f, -0.0f)) && std::signbit(jmin(-0.0f, 0.0f)), "Math.min(+0, -0) = -0");
    check(std::isnan(jmax((double) NAN, 1.0)) && std::isnan(jmax(1.0f, (float) NAN)) && std::isnan(jmin(2.0, (double) NAN)), "max/min propagate NaN");
    check(std::isnan(jpow(1.0, (double) NAN)) && std::isnan(jpow(-1.0f, INFINITY)), "Math.pow(1, NaN) and pow(-1, inf) are NaN");
    check(jpow(2.0, 10.0) == 1024.0 && jpow((double) NAN, 0.0) == 1.0, "pow(2, 10) and pow(NaN, 0)");
    check(std::signbit(jsignum(-0.0)) && jsignum(-3.0f) == -1.0f && std::isnan(jsignum((double) NAN)), "Math.signum");
    check(sigmoid(-800.0) == 0.0 && sigmoid(800.0) == 1.0 && sigmoid(0.0f) == 0.5f, "sigmoid saturates without NaN");

    std::printf("[faltung-native] host checks of the kernel helpers: %d of %d passed\n", passed, passed + failed);
    return failed == 0 ? 0 : 1;
}
