#!/usr/bin/env bash
# Layer primitives of LeNet and of an LSTM step on the CPU backend (JMH, FLOAT32), ms per
# forward+backward, next to the PyTorch figures of PERFORMANCE.md. Usage: bench/layers.sh [THREADS]
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/layers.sh   # run on another JDK
# Builds with the JDK on PATH (mvn); runs with $JAVA_HOME's java.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-2}
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
out=cpu-backend/target/bench
mkdir -p "$out"

echo "building the benchmark (mvn -P bench) ..." >&2
mvn -q -o -P bench -pl cpu-backend -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/$out/classpath" >&2
classpath="$out/classes:$(cat "$out/classpath")"

jdk=$("$java_bin" -version 2>&1 | head -2 | tail -1)
echo "JDK: $jdk; threads: $threads; CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
"$java_bin" --add-modules jdk.incubator.vector -cp "$classpath" org.openjdk.jmh.Main LayerBenchmark \
  -jvmArgsAppend "-Dfaltung.cpu.threads=$threads" -rf csv -rff "$out/layers.csv" > "$out/layers.log" 2>&1 \
  || { tail -30 "$out/layers.log"; exit 1; }

printf "%-12s %10s %10s %16s\n" benchmark "ms/op" "± (99.9%)" "PyTorch 2 thr."
tr -d '\r"' < "$out/layers.csv" | awk -F, 'NR > 1 {
  split($1, parts, "."); name = parts[length(parts)]
  torch = name == "lenetConv1" ? "4.1" : name == "lenetConv2" ? "7.5" : "—"
  printf "%-12s %10.3f %10.3f %16s\n", name, $5, $6, torch }'
