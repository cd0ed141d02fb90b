#!/usr/bin/env bash
# Prepares the parity suite for a CUDA 13 + cuDNN 9 GPU server that has no Java and no internet (the
# shared GPU kit): builds the project here, makes .gpu/ with the kit's make-gpu-bundle.sh (a jlinked
# Java runtime with the modules our tests need, JCuda natives patched for cuBLAS 13 / cuDNN 9), and
# adds .gpu/faltung/ (our jars, test classes, their dependencies, the JUnit console launcher) plus
# .gpu/parity.sh. Copy .gpu/ to the server, then run there:
#     .gpu/run.sh --smoke      # driver, a fatbin kernel, cuBLAS, cuDNN
#     .gpu/parity.sh           # the whole cuda-backend test suite on the GPU
# usage: cuda-backend/gpu-kit.sh [GPU_KIT_DIR]   (default: ../shared/gpu next to the project root)
# needs: mvn with Maven Central (or a filled ~/.m2), nvcc 13 (the fatbin must come from nvcc 13 for a
# CUDA 13 driver), and what make-gpu-bundle.sh needs (unzip, patchelf, python3, gcc, binutils, xz).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KIT="$(cd "${1:-$ROOT/../shared/gpu}" && pwd)"
JUNIT_CONSOLE=org.junit.platform:junit-platform-console-standalone:1.10.2
cd "$ROOT"

# 1. The Java runtime must carry the Vector API (CPU backend = the parity reference) and what the
#    JUnit console launcher uses (jdk.zipfs: it scans test jars for classes).
MODULES="${MODULES:-java.base,java.logging,java.xml,java.management,jdk.unsupported,jdk.zipfs,jdk.incubator.vector}" \
  "$KIT/make-gpu-bundle.sh" "$ROOT"

# 2. Our jars and test classes, third-party test dependencies (JCuda and JUnit come from elsewhere).
OUT="$ROOT/.gpu/faltung"
rm -rf "$OUT" && mkdir -p "$OUT"
mvn -q -B -pl cuda-backend -am package dependency:copy-dependencies -DskipTests -DincludeScope=test \
  -DexcludeGroupIds=io.faltung,org.jcuda,org.junit.jupiter,org.junit.platform,org.opentest4j,org.apiguardian \
  -DoutputDirectory="$OUT"
mvn -q -B dependency:copy -Dartifact="$JUNIT_CONSOLE" -DoutputDirectory="$OUT"
cp core/target/faltung-core-*-tests.jar "$OUT/"
for m in core cpu-backend native cuda-backend; do cp "$m"/target/faltung-*-SNAPSHOT.jar "$OUT/"; done
(cd cuda-backend/target/test-classes && jar cf "$OUT/faltung-cuda-backend-tests.jar" .)
if unzip -l "$OUT"/faltung-native-*.jar | grep -q NOT-BUILT; then
  echo "warning: faltung-native was built without nvcc; the CUDA backend will report the kernels missing" >&2
fi

# 3. The launcher.
cat > "$ROOT/.gpu/parity.sh" <<'RUN'
#!/usr/bin/env bash
# The cuda-backend test suite on this GPU (FP32 math, deterministic cuDNN; no GPU = failure).
# Extra arguments go to the JUnit console launcher (e.g. --select-class io.faltung.backend.cuda.CudaProbeTest).
set -euo pipefail
G="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CP="$(ls "$G"/faltung/*.jar | tr '\n' ':')"
SELECT=(--select-package io.faltung.backend.cuda)
[ $# -gt 0 ] && SELECT=()
exec "$G/run.sh" -cp "$CP" --add-modules jdk.incubator.vector \
  -Dfaltung.cuda.requireGpu=true -Dfaltung.cuda.deterministic=true -Dfaltung.cuda.tf32=false \
  org.junit.platform.console.ConsoleLauncher --disable-banner --details=summary "${SELECT[@]}" "$@"
RUN
chmod +x "$ROOT/.gpu/parity.sh"
echo "ready: copy $ROOT/.gpu to the GPU server, then run .gpu/run.sh --smoke and .gpu/parity.sh"
