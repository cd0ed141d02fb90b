#!/usr/bin/env bash
# Builds the GPU-less emulator: libcuda.so.1, libcublas.so.12 and libcudnn.so.8 that run Faltung's
# real kernel sources (compiled by g++ for the host), cuBLAS's strided batched GEMM and cuDNN's
# convolution and pooling on the CPU. Put OUT_DIR on LD_LIBRARY_PATH and the CUDA backend runs on the
# host, so the parity suite checks the whole Java -> JCuda -> kernel path without a GPU.
# usage: build.sh OUT_DIR      needs: g++ >= 12 (C++20), nm, unzip, the JCuda natives jars in ~/.m2
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KERNELS="$HERE/../kernels"
OUT="$(mkdir -p "$1" && cd "$1" && pwd)"
M2="${M2_REPO:-$HOME/.m2/repository}/org/jcuda"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# The functions each JCuda native library imports: the emulator must define all of them.
unzip -q -o "$M2/jcuda-natives/12.6.0/jcuda-natives-12.6.0-linux-x86_64.jar" 'lib/libJCudaDriver*' -d "$WORK"
unzip -q -o "$M2/jcublas-natives/12.6.0/jcublas-natives-12.6.0-linux-x86_64.jar" 'lib/libJCublas2*' -d "$WORK"
unzip -q -o "$M2/jcudnn-natives/11.7.0/jcudnn-natives-11.7.0-linux-x86_64.jar" 'lib/libJCudnn*' -d "$WORK"
imports() { nm -D --undefined-only "$1" | awk '{print $2}' | grep -E "^$2" | sed 's/@.*//' | sort -u; }
imports "$WORK"/lib/libJCudaDriver-*.so 'cu' > "$WORK/cuda.txt"
imports "$WORK"/lib/libJCublas2-*.so 'cublas' > "$WORK/cublas.txt"
imports "$WORK"/lib/libJCudnn-*.so 'cudnn' > "$WORK/cudnn.txt"

CXX="${CXX:-g++}"
FLAGS=(-std=c++20 -O1 -fPIC -w)
# rest NAME LIST OBJECT STATUS: every imported function the object does not define returns STATUS
rest() {
  nm "$3" | awk '$2 == "T" {print $3}' | sort -u > "$WORK/$1.defined"
  { echo 'extern "C" {'; grep -vxF -f "$WORK/$1.defined" "$2" | while read -r s; do echo "int $s() { return $4; }"; done; echo '}'; } > "$WORK/$1.rest.cpp"
  "$CXX" "${FLAGS[@]}" -c "$WORK/$1.rest.cpp" -o "$WORK/$1.rest.o"
}
"$CXX" "${FLAGS[@]}" -I "$KERNELS" -I "$HERE" -c "$HERE/kernels.cpp" -o "$WORK/kernels.o"
"$CXX" "${FLAGS[@]}" -c "$HERE/driver.cpp" -o "$WORK/driver.o"
"$CXX" "${FLAGS[@]}" -c "$HERE/cublas.cpp" -o "$WORK/cublas.o"
"$CXX" "${FLAGS[@]}" -c "$HERE/cudnn.cpp" -o "$WORK/cudnn.o"
rest cuda "$WORK/cuda.txt" "$WORK/driver.o" 801
rest cublas "$WORK/cublas.txt" "$WORK/cublas.o" 15
rest cudnn "$WORK/cudnn.txt" "$WORK/cudnn.o" 9
echo 'libcublas.so.12 { global: *; };' > "$WORK/cublas.map"
echo 'libcudnn.so.8 { global: *; };' > "$WORK/cudnn.map"
"$CXX" -shared -o "$OUT/libcuda.so.1" -Wl,-soname,libcuda.so.1 "$WORK/driver.o" "$WORK/kernels.o" "$WORK/cuda.rest.o" -lpthread
"$CXX" -shared -o "$OUT/libcublas.so.12" -Wl,-soname,libcublas.so.12 -Wl,--version-script="$WORK/cublas.map" "$WORK/cublas.o" "$WORK/cublas.rest.o"
"$CXX" -shared -o "$OUT/libcudnn.so.8" -Wl,-soname,libcudnn.so.8 -Wl,--version-script="$WORK/cudnn.map" "$WORK/cudnn.o" "$WORK/cudnn.rest.o"
echo "[faltung-emulator] $OUT: libcuda.so.1, libcublas.so.12, libcudnn.so.8 (kernels from $KERNELS)"
