#!/usr/bin/env bash
# SGEMM throughput, Faltung's CPU backend (JMH) against OpenBLAS (C harness), back to back in one run,
# with the same thread count, and the ratio per size. Usage: bench/gemm.sh [THREADS] [SIZES...]
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/gemm.sh   # the Java side on another JDK
# Installs libopenblas-dev (Debian) if it is missing. Build with the JDK on PATH (mvn); run with $JAVA_HOME's java.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-2}
shift || true
sizes=("${@:-256 512 1024}")
sizes=(${sizes[*]})
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
out=cpu-backend/target/bench
mkdir -p "$out"

if ! [ -e /usr/include/x86_64-linux-gnu/cblas.h ] && ! [ -e /usr/include/cblas.h ]; then
  echo "installing libopenblas-dev ..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas-dev >&2
fi
gcc -O2 -o "$out/sgemm_openblas" bench/sgemm_openblas.c -lopenblas

echo "building the benchmark (mvn -P bench) ..." >&2
mvn -q -o -P bench -pl cpu-backend -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/$out/classpath" >&2
classpath="$out/classes:$(cat "$out/classpath")"

jdk=$("$java_bin" -version 2>&1 | head -2 | tail -1)
echo "JDK: $jdk; threads: $threads; CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

echo "OpenBLAS ($(dpkg-query -W -f '${Version}' libopenblas0-pthread 2>/dev/null || echo '?')) ..." >&2
OPENBLAS_NUM_THREADS=$threads "$out/sgemm_openblas" "${sizes[@]}" > "$out/openblas.txt"

echo "Faltung (JMH) ..." >&2
"$java_bin" --add-modules jdk.incubator.vector -cp "$classpath" org.openjdk.jmh.Main SgemmBenchmark \
  -p n="$(IFS=,; echo "${sizes[*]}")" -jvmArgsAppend "-Dfaltung.cpu.threads=$threads" \
  -rf csv -rff "$out/jmh.csv" > "$out/jmh.log" 2>&1 || { tail -30 "$out/jmh.log"; exit 1; }

printf "%6s %18s %18s %7s\n" N "Faltung GFLOP/s" "OpenBLAS GFLOP/s" ratio
for n in "${sizes[@]}"; do
  ops=$(tr -d '\r' < "$out/jmh.csv" | awk -F, -v n="$n" 'NR > 1 && $NF == n { print $5 }')
  blas=$(awk -v n="$n" '$1 == n { print $2 }' "$out/openblas.txt")
  awk -v n="$n" -v ops="$ops" -v blas="$blas" \
    'BEGIN { f = ops * 2 * n * n * n / 1e9; printf "%6d %18.1f %18.1f %7.2f\n", n, f, blas, f / blas }'
done
