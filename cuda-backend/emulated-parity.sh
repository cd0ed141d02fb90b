#!/usr/bin/env bash
# The cuda-backend suite on a machine WITHOUT a GPU: native/emulator builds libcuda.so.1,
# libcublas.so.12 and libcudnn.so.8 that run the real kernel sources (compiled by g++), cuBLAS's
# strided batched GEMM and cuDNN's convolution/pooling on the CPU; with them first on
# LD_LIBRARY_PATH the CUDA backend opens on the host and the parity catalogue runs CUDA (emulated)
# against the CPU backend. It checks the Java side, the JCuda argument passing and the kernels'
# logic, not nvcc's code, the GPU's math library, real cuBLAS/cuDNN numerics or speed.
#   usage: cuda-backend/emulated-parity.sh [extra maven args]      needs: g++ >= 12, nm, unzip
# Same as: mvn -pl cuda-backend -am verify -Pemulator (the profile builds the emulator and points the tests at it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec mvn -B -pl cuda-backend -am verify -Pemulator \
  -Dtest='io/faltung/backend/cuda/**/*Test' -Dsurefire.failIfNoSpecifiedTests=false "$@"
