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
mvn -B -q -o -P bench -pl cpu-backend -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/$out/classpath" >&2
classpath="$out/classes:$(cat "$out/classpath")"

echo "JDK: $("$java_bin" -version 2>&1 | sed -n 2p)"
echo "OpenBLAS: $(dpkg-query -W -f '${Version}' libopenblas0-pthread 2>/dev/null || echo '?')"
echo "threads: $threads each; CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores;" \
  "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (figures are only comparable on a quiet machine)"

echo "OpenBLAS ..." >&2
OPENBLAS_NUM_THREADS=$threads "$out/sgemm_openblas" "${sizes[@]}" > "$out/openblas.txt"

echo "Faltung (JMH) ..." >&2
for attempt in $(seq 1 30); do   # JMH refuses to run while another JMH run holds /tmp/jmh.lock: wait for it
  if "$java_bin" --add-modules jdk.incubator.vector -cp "$classpath" org.openjdk.jmh.Main SgemmBenchmark \
      -p n="$(IFS=,; echo "${sizes[*]}")" -jvmArgsAppend "-Dfaltung.cpu.threads=$threads" \
      -rf json -rff "$out/jmh.json" > "$out/jmh.log" 2>&1; then
    break
  elif grep -q "Unable to acquire the JMH lock" "$out/jmh.log" && [ "$attempt" -lt 30 ]; then
    echo "another JMH run holds the lock; waiting ..." >&2
    sleep 20
  else
    tail -30 "$out/jmh.log"
    exit 1
  fi
done

# GFLOP/s = operations/s x 2 N^3 / 1e9; mean over the measurement rounds and the best round, for both.
python3 - "$out/jmh.json" "$out/openblas.txt" <<'PY'
import json, sys
blas = {int(l.split()[0]): [float(x) for x in l.split()[1:]] for l in open(sys.argv[2]) if l.strip()}
print("%6s %22s %22s %14s" % ("N", "Faltung mean / best", "OpenBLAS mean / best", "ratio mean/best"))
for run in json.load(open(sys.argv[1])):
    n = int(run["params"]["n"])
    flops = 2.0 * n ** 3 / 1e9
    rounds = [x for fork in run["primaryMetric"]["rawData"] for x in fork]
    mean, best = run["primaryMetric"]["score"] * flops, max(rounds) * flops
    bm, bb = blas[n]
    print("%6d %10.1f / %9.1f %10.1f / %9.1f %6.2f / %5.2f" % (n, mean, best, bm, bb, mean / bm, best / bb))
PY
