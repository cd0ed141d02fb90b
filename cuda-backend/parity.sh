#!/usr/bin/env bash
# The CUDA parity suite on a GPU server with Java 17+, Maven, the NVIDIA driver, CUDA 12 (cuBLAS 12)
# and cuDNN 8.9 (libcudnn.so.8) on the library path, and nvcc (to build the kernels' fatbin).
# Runs every test of cuda-backend (probe, parity catalogue CUDA vs CPU, unit tests) with FP32 math and
# deterministic cuDNN algorithms; a machine without a usable GPU FAILS here instead of skipping.
#   usage: cuda-backend/parity.sh [extra maven args]      (from anywhere)
# For CUDA 13 + cuDNN 9 servers without Java, see cuda-backend/gpu-kit.sh and docs/cuda.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec mvn -B -pl cuda-backend -am verify -Pparity \
  -Dtest='io/faltung/backend/cuda/**/*Test' -Dsurefire.failIfNoSpecifiedTests=false "$@"
