// Elementwise kernels, the CUDA twin of the CPU backend's ElementwiseKernels:
//   unary_<t>(op, n, x, xv, out, ov)                       out = op(x)
//   binary_<t>(op, n, a, av, as, b, bv, bs, out, ov)       out = op(a, b); a or b may be a scalar
//   where_<c>_<t>(n, cond, cv, a, av, as, b, bv, bs, out, ov)  out = cond != 0 ? a : b
// <t>, <c> in {f32, f64, i32}. Every operand is an arbitrary strided view (Strided, see common.cuh)
// of the output's logical shape, visited in row-major logical order; a null data pointer means the
// operand is the scalar argument next to it. Op codes are the constants below (the Java side maps
// UnaryOp/BinaryOp to them explicitly). Launch: 1-D grid of 256-thread blocks, grid-stride loop.
#include "common.cuh"

enum UnaryCode { U_NEG, U_ABS, U_SIGN, U_EXP, U_LOG, U_SQRT, U_RECIPROCAL, U_TANH, U_SIGMOID, U_RELU, U_SIN, U_COS };
enum BinaryCode { B_ADD, B_SUB, B_MUL, B_DIV, B_POW, B_MAX, B_MIN, B_GT, B_GE, B_EQ };

template <typename C> __device__ __forceinline__ C applyUnary(int op, C x) {
    switch (op) {
        case U_NEG: return -x;
        case U_ABS: return mabs(x);
        case U_SIGN: return jsignum(x);
        case U_EXP: return mexp(x);
        case U_LOG: return mlog(x);
        case U_SQRT: return msqrt(x);
        case U_RECIPROCAL: return (C) 1 / x;
        case U_TANH: return mtanh(x);
        case U_SIGMOID: return sigmoid(x);
        case U_RELU: return x > (C) 0 ? x : (C) 0;
        case U_SIN: return msin(x);
        case U_COS: return mcos(x);
        default: return (C) NAN;
    }
}

template <typename C> __device__ __forceinline__ C applyBinary(int op, C a, C b) {
    switch (op) {
        case B_ADD: return a + b;
        case B_SUB: return a - b;
        case B_MUL: return a * b;
        case B_DIV: return a / b;
        case B_POW: return jpow(a, b);
        case B_MAX: return jmax(a, b);
        case B_MIN: return jmin(a, b);
        case B_GT: return a > b ? (C) 1 : (C) 0;
        case B_GE: return a >= b ? (C) 1 : (C) 0;
        case B_EQ: return a == b ? (C) 1 : (C) 0;
        default: return (C) NAN;
    }
}

template <typename T>
__device__ void unaryImpl(int op, unsigned long long n, const T* x, Strided xv, T* out, Strided ov) {
    GRID_STRIDE_LOOP(i, n) {
        out[at(ov, i)] = Elem<T>::fromCompute(applyUnary(op, Elem<T>::toCompute(x[at(xv, i)])));
    }
}

template <typename T>
__device__ void binaryImpl(int op, unsigned long long n, const T* a, Strided av, double as, const T* b, Strided bv,
                           double bs, T* out, Strided ov) {
    GRID_STRIDE_LOOP(i, n) {
        out[at(ov, i)] = Elem<T>::fromCompute(applyBinary(op, operand(a, av, as, i), operand(b, bv, bs, i)));
    }
}

template <typename C, typename T>
__device__ void whereImpl(unsigned long long n, const C* cond, Strided cv, const T* a, Strided av, double as,
                          const T* b, Strided bv, double bs, T* out, Strided ov) {
    GRID_STRIDE_LOOP(i, n) {
        bool pick = cond[at(cv, i)] != (C) 0;  // NaN != 0 is true, as in the reference
        out[at(ov, i)] = Elem<T>::fromCompute(pick ? operand(a, av, as, i) : operand(b, bv, bs, i));
    }
}

#define ELEMENTWISE_KERNELS(T, S)                                                                          \
    extern "C" __global__ void unary_##S(int op, unsigned long long n, const T* x, Strided xv, T* out,       \
                                         Strided ov) {                                                      \
        unaryImpl<T>(op, n, x, xv, out, ov);                                                                \
    }                                                                                                       \
    extern "C" __global__ void binary_##S(int op, unsigned long long n, const T* a, Strided av, double as,  \
                                          const T* b, Strided bv, double bs, T* out, Strided ov) {          \
        binaryImpl<T>(op, n, a, av, as, b, bv, bs, out, ov);                                                \
    }

ELEMENTWISE_KERNELS(float, f32)
ELEMENTWISE_KERNELS(double, f64)
ELEMENTWISE_KERNELS(int, i32)

#define WHERE_KERNEL(C, CS, T, S)                                                                          \
    extern "C" __global__ void where_##CS##_##S(unsigned long long n, const C* cond, Strided cv, const T* a, \
                                                Strided av, double as, const T* b, Strided bv, double bs,   \
                                                T* out, Strided ov) {                                       \
        whereImpl<C, T>(n, cond, cv, a, av, as, b, bv, bs, out, ov);                                        \
    }
#define WHERE_KERNELS(T, S) WHERE_KERNEL(float, f32, T, S) WHERE_KERNEL(double, f64, T, S) WHERE_KERNEL(int, i32, T, S)

WHERE_KERNELS(float, f32)
WHERE_KERNELS(double, f64)
WHERE_KERNELS(int, i32)
