#!/usr/bin/env bash
# Issue 7's measurements in one run, and docs/performance.md regenerated from them: Faltung's JMH
# benchmarks (cpu-backend: SGEMM, convolution primitives, LSTM layer; benchmarks module: whole-stack
# convolutions and the LeNet training step), the same work in PyTorch CPU through DJL, OpenBLAS SGEMM
# (C harness), and one epoch of the mnist-cnn example for launch-to-first-step and peak RSS — on this
# machine, every side on the same thread count, the two sides of each work item in one JMH run.
#
# Usage: bench/run-all.sh [THREADS]            (default 2)
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/run-all.sh   # run the JVMs on another JDK
#   JMH_OPTS="-wi 5 -w 2 -i 8 -r 2 -f 1"      # JMH rounds (default: 3 × 2 s warm-up, 3 × 2 s measurement, 1 fork)
#   MNIST_EPOCHS=0                             # skip mnist-cnn (launch time and peak RSS stay empty)
#   MNIST_RUNS=3                               # timed mnist-cnn launches per path (the report gives medians)
#   OMP_WAIT_POLICY=ACTIVE|PASSIVE             # PyTorch's OpenMP waiting; default: PyTorch's own on a quiet
#                                              # machine, PASSIVE when the load average exceeds the cores
# Builds with the JDK on PATH (mvn, offline); runs with $JAVA_HOME's java. Output under target/bench-all/.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-2}
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
jmh_opts=${JMH_OPTS:--wi 3 -w 2 -i 3 -r 2 -f 1}
mnist_epochs=${MNIST_EPOCHS:-1}
mnist_runs=${MNIST_RUNS:-3}
out=target/bench-all
rm -rf "$out" && mkdir -p "$out"
started=$(date +%s)
step() { echo "[$(( $(date +%s) - started ))s] $*" >&2; }

cores=$(nproc)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
omp_wait=${OMP_WAIT_POLICY:-}
if [ -z "$omp_wait" ] && awk -v l="${load_start%% *}" -v c="$cores" 'BEGIN { exit !(l > c) }'; then
  omp_wait=PASSIVE   # spinning OpenMP threads lose their time slices on an oversubscribed machine: 10-30x slower
fi

step "building (mvn -o): the examples jar, then the benchmarks with -P bench (and SameWorkTest) ..."
build() { mvn -B -o "$@" >> "$out/build.log" 2>&1 || { tail -40 "$out/build.log" >&2; exit 1; }; }
build -pl examples -am package -DskipTests
build -P bench -pl benchmarks -am verify dependency:build-classpath \
  -Dtest=SameWorkTest -Dsurefire.failIfNoSpecifiedTests=false -Dmdep.outputFile=target/bench-classpath
# The benchmarks module's class path holds the CPU backend's bench jar too: JMH sees both modules' benchmarks.
classpath="benchmarks/target/classes:$(cat benchmarks/target/bench-classpath)"

# Every fork's JVM options are given here: -jvmArgsAppend replaces those of the @Fork annotations.
vector="--add-modules jdk.incubator.vector"
fork_options="$vector -Xmx2g -Dai.djl.offline=true -Dfaltung.cpu.threads=$threads \
  -Dai.djl.pytorch.num_threads=$threads -Dai.djl.pytorch.num_interop_threads=$threads"
export OMP_NUM_THREADS=$threads MKL_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads
if [ -n "$omp_wait" ]; then export OMP_WAIT_POLICY=$omp_wait; fi

# One work item, both sides in one JMH run, so that they are timed within a minute of each other.
# JMH refuses to start while another JMH run holds /tmp/jmh.lock (other benchmarks on this machine): wait for it.
jmh() {
  local name=$1 pattern=$2
  step "$name (JMH: $pattern) ..."
  for attempt in $(seq 1 60); do
    if "$java_bin" -cp "$classpath" org.openjdk.jmh.Main "$pattern" -p n=1024 -p kind=lstm $jmh_opts \
        -jvmArgsAppend "$fork_options" -rf json -rff "$out/jmh-$name.json" > "$out/jmh-$name.log" 2>&1; then
      return 0
    elif grep -q "Unable to acquire the JMH lock" "$out/jmh-$name.log" && [ "$attempt" -lt 60 ]; then
      step "another JMH run holds the lock; waiting ..."
      sleep 20
    else
      tail -30 "$out/jmh-$name.log" >&2
      return 1
    fi
  done
}

step "SGEMM N=1024: OpenBLAS, $threads threads${omp_wait:+ (PyTorch with OMP_WAIT_POLICY=$omp_wait)} ..."
gcc -O2 -o "$out/sgemm_openblas" bench/sgemm_openblas.c -lopenblas
"$out/sgemm_openblas" 1024 > "$out/openblas.txt"
jmh sgemm 'SgemmBenchmark\.sgemm|TorchBenchmark\.sgemm'
jmh conv1 'FaltungConvBenchmark\.conv1|LayerBenchmark\.lenetConv1|TorchBenchmark\.conv1'
jmh conv2 'FaltungConvBenchmark\.conv2|LayerBenchmark\.lenetConv2|TorchBenchmark\.conv2'
jmh lstm 'RecurrentBenchmark\.train|TorchBenchmark\.lstm'
jmh lenet 'FaltungLenetBenchmark\.step|TorchLenetBenchmark\.step'

# This VM hands its page cache back to the host within a minute, so a launch would mostly time the disk: the jar,
# MNIST and the JDK's class archive are read into the cache right before each timed launch, as on a machine
# that just used them.
warm_files() {
  cat examples/target/faltung-examples.jar "${FALTUNG_MNIST_DIR:-$HOME/.cache/faltung/mnist}"/* \
    "$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')/lib/modules" > /dev/null 2>&1 || true
}
mnist_cnn() {  # NAME RUN JAVA-OPTIONS...: one timed launch of mnist-cnn
  local name=$1 run=$2; shift 2
  warm_files
  /usr/bin/time -f '%M %e' -o "$out/$name-$run.time" "$java_bin" "$@" \
    -Dfaltung.cpu.threads="$threads" -jar examples/target/faltung-examples.jar mnist-cnn --backend cpu \
    --epochs "$mnist_epochs" --out "$out/$name-$run" > "$out/$name-$run.log" 2>&1 \
    || { tail -30 "$out/$name-$run.log" >&2; exit 1; }
}
if [ "$mnist_epochs" -gt 0 ]; then
  for run in $(seq "$mnist_runs"); do
    step "mnist-cnn, $mnist_epochs epoch(s) on real MNIST, run $run of $mnist_runs: launch to first step, peak RSS ..."
    mnist_cnn mnist-cnn "$run" $vector
    step "mnist-cnn again as the README runs the jar (plain java -jar: it relaunches itself with the Vector API) ..."
    mnist_cnn mnist-cnn-plain "$run"
  done
fi

cat > "$out/machine.env" <<EOF
date=$(date -u '+%Y-%m-%d %H:%M UTC')
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | xargs) model $(grep -m1 '^model\s' /proc/cpuinfo | cut -d: -f2 | xargs)
flags=$(grep -m1 '^flags' /proc/cpuinfo | grep -o -w -E 'avx2|fma|avx512f' | sort -u | xargs | sed 's/ /, /g')
cores=$cores
memory=$(free -g | awk '/^Mem:/ { print $2 " GiB" }')
jdk=$("$java_bin" -version 2>&1 | sed -n 2p)
openblas=$(dpkg-query -W -f '${Version}' libopenblas0-pthread 2>/dev/null || echo '?')
threads=$threads
omp_wait=${omp_wait:-default}
jmh=$jmh_opts
load_start=$load_start
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
mnist_epochs=$mnist_epochs
mnist_runs=$mnist_runs
command=${JAVA_HOME:+JAVA_HOME=$JAVA_HOME }bench/run-all.sh $threads
EOF
step "writing docs/performance.md ..."
python3 bench/performance_report.py "$out" > docs/performance.md
cat docs/performance.md
step "done"
