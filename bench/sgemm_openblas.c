/*
 * OpenBLAS SGEMM throughput, the peer figure for bench/gemm.sh: C = A * B with square row-major
 * N x N float matrices (2 N^3 flops per call), measured the way the JMH benchmark measures the
 * CPU backend: warm-up rounds, then measurement rounds of about one second each; prints, per N,
 * the mean and the best round in GFLOP/s (on a shared machine the best round is the one least
 * disturbed by other work). Threads: OPENBLAS_NUM_THREADS.
 *
 * Usage: sgemm_openblas N [N ...]   (output lines: N mean best)
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* Calls per second over a round of at least `seconds`. */
static double round_rate(int n, const float *a, const float *b, float *c, double seconds) {
    long calls = 0;
    double start = now(), elapsed;
    do {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, a, n, b, n, 0.0f, c, n);
        calls++;
        elapsed = now() - start;
    } while (elapsed < seconds);
    return calls / elapsed;
}

int main(int argc, char **argv) {
    const int warmup = 4, rounds = 8;
    for (int arg = 1; arg < argc; arg++) {
        int n = atoi(argv[arg]);
        float *a = malloc(sizeof(float) * n * n), *b = malloc(sizeof(float) * n * n), *c = malloc(sizeof(float) * n * n);
        srand(1);
        for (long i = 0; i < (long) n * n; i++) {
            a[i] = (float) rand() / RAND_MAX - 0.5f;
            b[i] = (float) rand() / RAND_MAX - 0.5f;
        }
        for (int r = 0; r < warmup; r++) {
            round_rate(n, a, b, c, 1.0);
        }
        double sum = 0, best = 0;
        for (int r = 0; r < rounds; r++) {
            double rate = round_rate(n, a, b, c, 1.0);
            sum += rate;
            best = rate > best ? rate : best;
        }
        double flops = 2.0 * n * n * n / 1e9;
        printf("%d %.2f %.2f\n", n, sum / rounds * flops, best * flops);
        fflush(stdout);
        free(a);
        free(b);
        free(c);
    }
    return 0;
}
