#!/usr/bin/env bash
# Compiles native/kernels/*.cu into ONE fatbin (sm_80 and sm_90 SASS + compute_80 PTX) at
# OUT_DIR/io/faltung/cuda/kernels/faltung.fatbin, plus kernels.properties (nvcc version, targets).
# Where nvcc is missing (or FALTUNG_NVCC_SKIP=true) the build still succeeds: it writes NOT-BUILT.txt
# with the reason instead, and the CUDA backend reports itself unusable with that reason.
# Skips nvcc when the fatbin is newer than every kernel source. After compiling it also builds and runs
# test/host_test.cu (the kernels' pure helpers on the host: Philox known answers, RandomSpec's sample
# mapping, strided addressing, Java-compatible math); a failure there fails the build.
# usage: build-fatbin.sh KERNELS_DIR OUT_DIR       env: NVCC (path of nvcc), FALTUNG_NVCC_SKIP, NVCC_FLAGS
set -euo pipefail
SRC="$(cd "$1" && pwd)"
TESTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/test"
DEST="$2/io/faltung/cuda/kernels"
mkdir -p "$DEST"
FATBIN="$DEST/faltung.fatbin"
MISSING="$DEST/NOT-BUILT.txt"

not_built() {
  rm -f "$FATBIN" "$DEST/kernels.properties"
  echo "kernels were not built: $1" > "$MISSING"
  echo "[faltung-native] kernels were not built: $1"
  exit 0
}

[ "${FALTUNG_NVCC_SKIP:-false}" = true ] && not_built "the build skipped nvcc (-Dfaltung.nvcc.skip=true)"
NVCC_BIN="${NVCC:-}"
if [ -z "$NVCC_BIN" ]; then
  NVCC_BIN="$(command -v nvcc || true)"
  [ -z "$NVCC_BIN" ] && [ -x /usr/local/cuda/bin/nvcc ] && NVCC_BIN=/usr/local/cuda/bin/nvcc
fi
[ -z "$NVCC_BIN" ] || [ ! -x "$NVCC_BIN" ] && not_built "nvcc was not found at build time"

if [ -f "$FATBIN" ] && [ -z "$(find "$SRC" "$TESTS" "$0" -newer "$FATBIN" -type f | head -1)" ]; then
  echo "[faltung-native] $FATBIN is up to date"
  exit 0
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# One translation unit: every kernel family, so the driver loads a single module.
for f in "$SRC"/*.cu; do echo "#include \"$f\""; done > "$WORK/faltung_kernels.cu"
VERSION="$("$NVCC_BIN" --version | sed -n 's/.*release \([0-9.]*\).*/\1/p')"
echo "[faltung-native] $NVCC_BIN (CUDA $VERSION): compiling $(ls "$SRC"/*.cu | wc -l) kernel files into one fatbin"
# shellcheck disable=SC2086
"$NVCC_BIN" -fatbin -O3 -std=c++17 -I "$SRC" ${NVCC_FLAGS:-} \
  -gencode arch=compute_80,code=sm_80 -gencode arch=compute_90,code=sm_90 \
  -gencode arch=compute_80,code=compute_80 \
  "$WORK/faltung_kernels.cu" -o "$WORK/faltung.fatbin"
# shellcheck disable=SC2086
"$NVCC_BIN" -std=c++17 -I "$SRC" ${NVCC_FLAGS:-} -gencode arch=compute_80,code=sm_80 "$TESTS/host_test.cu" -o "$WORK/host_test"
"$WORK/host_test"
mv "$WORK/faltung.fatbin" "$FATBIN"
rm -f "$MISSING"
printf 'nvcc=%s\ntargets=sm_80,sm_90,compute_80\n' "$VERSION" > "$DEST/kernels.properties"
echo "[faltung-native] wrote $FATBIN ($(wc -c < "$FATBIN") bytes)"
