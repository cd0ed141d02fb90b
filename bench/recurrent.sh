#!/usr/bin/env bash
# Recurrent layers through the whole stack on the CPU backend (JMH, FLOAT32): batch 32, 50 steps,
# 32 inputs, 128 hidden units, ms per forward+backward ("train") and per forward, next to the
# PyTorch and DL4J LSTM figures of PERFORMANCE.md. Usage: bench/recurrent.sh [THREADS] [KINDS]
#   bench/recurrent.sh 2 lstm        # the LSTM only
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/recurrent.sh   # run on another JDK
# Builds with the JDK on PATH (mvn); runs with $JAVA_HOME's java. The machine is shared: note the load.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-2}
kinds=${2:-lstm,gru,rnn}
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
out=cpu-backend/target/bench
mkdir -p "$out"

echo "building the benchmark (mvn -P bench) ..." >&2
mvn -q -o -P bench -pl cpu-backend -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/$out/classpath" >&2
classpath="$out/classes:$(cat "$out/classpath")"

jdk=$("$java_bin" -version 2>&1 | head -2 | tail -1)
echo "JDK: $jdk; threads: $threads; CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);" \
  "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$java_bin" --add-modules jdk.incubator.vector -cp "$classpath" org.openjdk.jmh.Main RecurrentBenchmark \
  -p kind="$kinds" -jvmArgsAppend "-Dfaltung.cpu.threads=$threads" -rf csv -rff "$out/recurrent.csv" \
  > "$out/recurrent.log" 2>&1 || { tail -30 "$out/recurrent.log"; exit 1; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

printf "%-6s %-8s %10s %10s %22s\n" kind phase "ms/op" "± (99.9%)" "PyTorch / DL4J, 2 thr."
tr -d '\r"' < "$out/recurrent.csv" | awk -F, 'NR > 1 {
  split($1, parts, "."); phase = parts[length(parts)]; kind = $NF
  peers = kind == "lstm" && phase == "train" ? "9.5 / 232" : "—"
  printf "%-6s %-8s %10.2f %10.2f %22s\n", kind, phase, $5, $6, peers }'
