// The real kernel sources of native/kernels compiled for the host, and a registry name -> launcher that
// unpacks cuLaunchKernel's parameter array by the kernel's own signature. A launch runs every block in
// turn; kernels that call __syncthreads (reduce_*, argmax_*) run a block's threads concurrently with a
// barrier, the others one thread after another. A kernel missing from the registry is "not found".
#include "device.h"
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>
#include "elementwise.cu"
#include "reduce.cu"
#include "copy_strided.cu"
#include "philox.cu"
#include "lstm_cell.cu"
#include "gru_cell.cu"
#include "pool.cu"

thread_local dim3 blockIdx, threadIdx;
dim3 blockDim, gridDim;
static std::barrier<>* currentBarrier = nullptr;
void __syncthreads() { currentBarrier->arrive_and_wait(); }

using Launcher = std::function<void(void**)>;
template <typename... A, size_t... I> static void invoke(void (*f)(A...), void** p, std::index_sequence<I...>) {
    std::tuple<A...> args;
    ((std::memcpy(&std::get<I>(args), p[I], sizeof(A))), ...);
    f(std::get<I>(args)...);
}
template <typename... A> static Launcher make(void (*f)(A...)) {
    return [f](void** p) { invoke(f, p, std::index_sequence_for<A...>{}); };
}

static std::map<std::string, Launcher>& registry() {
    static std::map<std::string, Launcher> r;
    if (r.empty()) {
#define R(name) r[#name] = make(&name);
#define R3(f) R(f##_f32) R(f##_f64) R(f##_i32)
        R3(unary) R3(binary) R3(fill) R3(reduce) R3(reduce_finish) R3(argmax)
        R3(copy_f32) R3(copy_f64) R3(copy_i32) R3(where_f32) R3(where_f64) R3(where_i32)
        R(random_f32) R(random_f64) R(lstm_cell_fwd_f32) R(lstm_cell_fwd_f64) R(lstm_cell_bwd_f32) R(lstm_cell_bwd_f64)
        R(gru_cell_fwd_f32) R(gru_cell_fwd_f64) R(gru_cell_bwd_f32) R(gru_cell_bwd_f64) R(maxpool_bwd_f32) R(maxpool_bwd_f64)
    }
    return r;
}

extern "C" bool emuHasKernel(const char* name) { return registry().count(name) != 0; }

extern "C" void emuLaunch(const char* name, unsigned grid, unsigned block, void** params) {
    Launcher& l = registry().at(name);
    std::string n(name);
    bool syncs = (n.rfind("reduce_", 0) == 0 && n.rfind("reduce_finish", 0) != 0) || n.rfind("argmax_", 0) == 0;
    gridDim = dim3{grid, 1, 1};
    blockDim = dim3{block, 1, 1};
    for (unsigned b = 0; b < grid; ++b) {
        if (!syncs) {
            for (unsigned t = 0; t < block; ++t) {
                blockIdx = dim3{b, 0, 0};
                threadIdx = dim3{t, 0, 0};
                l(params);
            }
            continue;
        }
        std::barrier<> bar((std::ptrdiff_t) block);
        currentBarrier = &bar;
        std::vector<std::thread> threads;
        for (unsigned t = 0; t < block; ++t) {
            threads.emplace_back([&, b, t] {
                blockIdx = dim3{b, 0, 0};
                threadIdx = dim3{t, 0, 0};
                l(params);
            });
        }
        for (auto& th : threads) th.join();
    }
}
