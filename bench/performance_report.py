#!/usr/bin/env python3
"""Writes docs/performance.md (to stdout) from the output directory of bench/run-all.sh.

Reads jmh-*.json (JMH), openblas.txt ("N GFLOP/s [best]"), mnist-cnn-<run>.time
("maxRSS-kB wall-s"), mnist-cnn-<run>/metrics.json (and the same for mnist-cnn-plain) and machine.env. A figure whose benchmark did not run
(say, a benchmark still on an unmerged branch) shows as "—"; the script never invents one.
"""
import json
import os
import sys

GEMM_N = 1024
LENET_BATCH = 64
WORK_ORDER = ["jmh-sgemm.json", "jmh-conv1.json", "jmh-conv2.json", "jmh-lstm.json", "jmh-lenet.json"]


class Figure:
    """A measured value: the mean over the measurement rounds and the best round (None for one-off figures),
    or the median of whole runs and every run's value."""

    def __init__(self, value, best, unit, runs=None):
        self.value, self.best, self.unit, self.runs = value, best, unit, runs

    def text(self, digits):
        if self.runs is not None and len(self.runs) > 1:
            return "%.*f %s (runs %s)" % (digits, self.value, self.unit,
                                          " / ".join("%.*f" % (digits, r) for r in self.runs))
        if self.best is None:
            return "%.*f %s" % (digits, self.value, self.unit)
        return "%.*f (best %.*f) %s" % (digits, self.value, digits, self.best, self.unit)

    def scaled(self, f, unit):
        """This figure through f (a time turned into a rate turns its best round too)."""
        return Figure(f(self.value), None if self.best is None else f(self.best), unit)


def load_jmh(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return json.load(f)


def jmh(runs, name, **params):
    """(mean, [every round], unit) of the run whose benchmark name ends with `name` and whose parameters
    include `params`, or None."""
    for run in runs:
        if run["benchmark"].endswith(name) and all(run.get("params", {}).get(k) == v for k, v in params.items()):
            metric = run["primaryMetric"]
            rounds = [float(x) for fork in metric.get("rawData", []) for x in fork]
            return float(metric["score"]), rounds, metric["scoreUnit"]
    return None


def ms(runs, name, **params):
    """Milliseconds per operation (best = the fastest round) of a time-per-operation benchmark."""
    found = jmh(runs, name, **params)
    if found is None:
        return None
    score, rounds, unit = found
    scale = {"ms/op": 1.0, "us/op": 1e-3, "s/op": 1e3}[unit]
    return Figure(score * scale, min(rounds) * scale if rounds else None, "ms")


def gflops(runs, name, **params):
    """GFLOP/s of an N=1024 SGEMM benchmark, from operations per second or from time per operation."""
    found = jmh(runs, name, **params)
    if found is None:
        return None
    score, rounds, unit = found
    gflop = 2.0 * GEMM_N ** 3 / 1e9
    if unit == "ops/s":
        return Figure(score * gflop, max(rounds) * gflop if rounds else None, "GFLOP/s")
    return ms(runs, name, **params).scaled(lambda t: gflop / (t / 1e3), "GFLOP/s")


def samples_per_second(step):
    """The LeNet throughput of a step time."""
    return None if step is None else step.scaled(lambda t: LENET_BATCH / (t / 1e3), "samples/s")


def openblas(path):
    """The harness's line for N=1024: "N mean-GFLOP/s [best-GFLOP/s]"."""
    if not os.path.exists(path):
        return None
    for line in open(path):
        fields = line.split()
        if fields and int(fields[0]) == GEMM_N:
            return Figure(float(fields[1]), float(fields[2]) if len(fields) > 2 else None, "GFLOP/s")
    return None


def key_values(path):
    values = {}
    if os.path.exists(path):
        for line in open(path):
            if "=" in line:
                key, value = line.rstrip("\n").split("=", 1)
                values[key] = value
    return values


def mnist(out, name="mnist-cnn"):
    """(seconds to the start of training, to the end of the first step, peak RSS in GiB, real-MNIST samples/s)
    of the mnist-cnn runs NAME-1, NAME-2, ...: the median of each over the runs, or Nones."""
    runs = []
    while True:
        run = "%s-%d" % (name, len(runs) + 1)
        metrics_path = os.path.join(out, run, "metrics.json")
        time_path = os.path.join(out, run + ".time")
        if not (os.path.exists(metrics_path) and os.path.exists(time_path)):
            break
        metrics = json.load(open(metrics_path))
        rss_kib = float(open(time_path).read().split()[-2])  # /usr/bin/time may prepend a "Command exited" line
        runs.append(dict(metrics, peak_rss_gib=rss_kib / 2 ** 20))
    if not runs:
        return None, None, None, None

    def figure(key, unit):
        values = [r[key] for r in runs if r.get(key) is not None]
        if not values:
            return None
        ordered = sorted(values)
        mid = len(ordered) // 2
        median = ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
        return Figure(median, None, unit, values)

    return (figure("seconds_to_training_start", "s"), figure("seconds_to_first_step", "s"),
            figure("peak_rss_gib", "GiB"), figure("train_samples_per_second", "samples/s"))


def cell(figure, digits=1):
    return "—" if figure is None else figure.text(digits)


def row(work, faltung, peer_name, peer, higher_is_better, target, digits=1):
    """One table row. The ratio is Faltung/peer, the way the target states it, on the means; the ratio of the
    best rounds follows in brackets (less disturbed by other load). The verdict is on the means."""
    if faltung is None or peer is None:
        ratio, verdict = "—", "not measured"
    else:
        r = faltung.value / peer.value
        ratio = "%.2f×" % r
        if faltung.best is not None and peer.best is not None:
            ratio += " (best %.2f×)" % (faltung.best / peer.best)
        if target is None:
            verdict = ""
        else:
            verdict = "met" if (r >= target if higher_is_better else r <= target) else "**not met**"
    goal = "" if target is None else ("≥ %.1f×" % target if higher_is_better else "≤ %.1f×" % target)
    return "| %s | %s | %s %s | %s | %s | %s |" % (work, cell(faltung, digits), peer_name, cell(peer, digits), ratio,
                                               goal, verdict)


def absolute(work, figure, limit, unit, digits):
    if figure is None:
        return "| %s | — | — | — | < %s %s | not measured |" % (work, limit, unit)
    verdict = "met" if figure.value < limit else "**not met**"
    return "| %s | %s | — | — | < %s %s | %s |" % (work, figure.text(digits), limit, unit, verdict)


def main(out):
    runs = []  # one JMH output per work item, both sides in each, in the order of the tables
    names = [n for n in os.listdir(out) if n.startswith("jmh-") and n.endswith(".json")]
    for name in sorted(names, key=lambda n: (WORK_ORDER.index(n) if n in WORK_ORDER else len(WORK_ORDER), n)):
        runs += load_jmh(os.path.join(out, name))
    machine = key_values(os.path.join(out, "machine.env"))
    start, first_step, rss, mnist_rate = mnist(out)
    plain_start, plain_first_step, plain_rss, _ = mnist(out, "mnist-cnn-plain")
    threads = machine.get("threads", "?")

    torch_step = ms(runs, "TorchLenetBenchmark.step")
    lines = [
        "# Performance: Faltung's CPU backend next to OpenBLAS and PyTorch",
        "",
        "Generated by `%s` on %s — do not edit by hand; run the command again."
        % (machine.get("command", "bench/run-all.sh"), machine.get("date", "?")),
        "Every figure comes from the same run on the same machine, all sides on %s threads; the two sides of each work"
        " item are timed back to back in one JMH run (OpenBLAS right before SGEMM). The targets are those of issue 7."
        " Ratios are Faltung ÷ peer (for times, lower is better; for rates, higher is better)." % threads,
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        "| CPU | %s (%s), %s cores seen by the OS |" % (machine.get("cpu", "?"), machine.get("flags", "?"),
                                                     machine.get("cores", "?")),
        "| memory | %s |" % machine.get("memory", "?"),
        "| JDK | %s |" % machine.get("jdk", "?"),
        "| peers | OpenBLAS %s (C harness `bench/sgemm_openblas.c`); PyTorch 2.7.1 CPU through DJL 0.35.1 |"
        % machine.get("openblas", "?"),
        "| threads | %s per side (`-Dfaltung.cpu.threads`, `-Dai.djl.pytorch.num_threads`, `OMP_NUM_THREADS`,"
        " `OPENBLAS_NUM_THREADS`); PyTorch's `OMP_WAIT_POLICY`: %s |" % (threads, machine.get("omp_wait", "?")),
        "| JMH | `%s` |" % machine.get("jmh", "?"),
        "| load average (1, 5, 15 min) | %s at the start, %s at the end |" % (machine.get("load_start", "?"),
                                                                            machine.get("load_end", "?")),
        "",
        "## Against the targets",
        "",
        "| work (%s threads) | Faltung | peer | ratio | target | |" % threads,
        "|---|---|---|---|---|---|",
        row("SGEMM N=1024", gflops(runs, "SgemmBenchmark.sgemm", n=str(GEMM_N)), "OpenBLAS",
            openblas(os.path.join(out, "openblas.txt")), True, 0.7),
        row("conv 64×1×28×28 → 20×5×5, forward + backward (dW, db)", ms(runs, "FaltungConvBenchmark.conv1"),
            "PyTorch", ms(runs, "TorchBenchmark.conv1"), False, 1.5, 2),
        row("conv 64×20×12×12 → 50×5×5, forward + backward (dW, db, dX)", ms(runs, "FaltungConvBenchmark.conv2"),
            "PyTorch", ms(runs, "TorchBenchmark.conv2"), False, 1.5, 2),
        row("LSTM B32 T50 I32 H128, forward + backward", ms(runs, "RecurrentBenchmark.train", kind="lstm"),
            "PyTorch", ms(runs, "TorchBenchmark.lstm"), False, 1.5, 2),
        row("LeNet training step, batch 64, Adam", samples_per_second(ms(runs, "FaltungLenetBenchmark.step")),
            "PyTorch", samples_per_second(torch_step), True, 1.0, 0),
        absolute("mnist-cnn: launch → first training step begins", start, 1, "s", 2),
        absolute("mnist-cnn: launch → first training step ends", first_step, 1, "s", 2),
        absolute("mnist-cnn: peak resident memory", rss, 0.5, "GiB", 2),
        absolute("mnist-cnn as the README runs it (plain `java -jar`): first step begins", plain_start, 1, "s", 2),
        absolute("mnist-cnn as the README runs it (plain `java -jar`): first step ends", plain_first_step, 1, "s", 2),
        absolute("mnist-cnn as the README runs it (plain `java -jar`): peak resident memory", plain_rss, 0.5, "GiB",
                 2),
        "",
        "## Other views of the same work (no target)",
        "",
        "| work (%s threads) | Faltung | peer | ratio | | |" % threads,
        "|---|---|---|---|---|---|",
        row("SGEMM N=1024", gflops(runs, "SgemmBenchmark.sgemm", n=str(GEMM_N)), "PyTorch",
            gflops(runs, "TorchBenchmark.sgemm"), True, None),
        row("conv1, backend primitives only (`LayerBenchmark.lenetConv1`)", ms(runs, "LayerBenchmark.lenetConv1"),
            "PyTorch", ms(runs, "TorchBenchmark.conv1"), False, None, 2),
        row("conv2, backend primitives only (`LayerBenchmark.lenetConv2`)", ms(runs, "LayerBenchmark.lenetConv2"),
            "PyTorch", ms(runs, "TorchBenchmark.conv2"), False, None, 2),
        row("LeNet on real MNIST (mnist-cnn, %s epoch, data loading included) vs PyTorch's step"
            % machine.get("mnist_epochs", "?"), mnist_rate, "PyTorch", samples_per_second(torch_step), True, None, 0),
        "",
        "## What is timed",
        "",
        "- **SGEMM**: `C = A·B`, square row-major FLOAT32, 2·N³ flop per call. Faltung: `SgemmBenchmark`"
        " (cpu-runs, JMH); OpenBLAS: `cblas_sgemm`, mean of six 1 s rounds after four warm-up rounds;"
        " PyTorch: `TorchBenchmark.sgemm` (`torch.mm`, which allocates C).",
        "- **Convolutions**: Faltung `FaltungConvBenchmark` — conv2d + bias through tensors, autograd and the CPU"
        " runs, sum, backward; PyTorch `TorchBenchmark.conv1/conv2` — the same through DJL (`SameWorkTest` checks"
        " both give the same output sum). `LayerBenchmark` times the backend primitives without autograd.",
        "- **LSTM**: one layer, batch 32, 50 steps, 32 inputs, 128 hidden, forward then backward of the output"
        " sequence's sum into the weights and the input. Faltung: `RecurrentBenchmark.train` (cpu-backend);"
        " PyTorch: DJL's `LSTM` block (PyTorch's fused `lstm` operator), `TorchBenchmark.lstm`.",
        "- **LeNet step**: conv 5×5×20 – ReLU – max-pool 2 – conv 5×5×50 – ReLU – max-pool 2 – dense 500 – ReLU –"
        " dense 10, softmax cross-entropy, Adam 1e-3, one fixed batch of 64 MNIST-shaped images: zero gradients,"
        " forward, loss, backward, optimiser step, loss read back. Faltung: `FaltungLenetBenchmark` (the layers of"
        " `Sequential.fit`); PyTorch: `TorchLenetBenchmark` (DJL `Trainer`, as `EasyTrain.trainBatch`).",
        "- **mnist-cnn**: `java --add-modules jdk.incubator.vector -jar faltung-examples.jar mnist-cnn --backend cpu`"
        " under `/usr/bin/time`: launch → first step begins / ends are the example's `seconds_to_training_start` and"
        " `seconds_to_first_step` (JVM uptime when training starts — MNIST loaded from the local cache and"
        " checksummed, model built — and at the end of the first step, which also pays for the JIT compiling the"
        " kernels); peak RSS is the process's maximum resident set, with the JVM's default heap sizing (no `-Xmx`)."
        " The plain `java -jar` rows run the jar as the README does: it starts a second JVM with the Vector API module"
        " and the serial collector (see `Relaunch`); times count from the first JVM's start, and the peak resident"
        " set is the larger of the two processes'. Each path is launched %s times, alternating, and the tables give"
        " the median with every run's value; before each launch the jar, MNIST and the JDK's class archive are read"
        " into the page cache, because this virtual machine hands its page cache back within a minute and a"
        " launch would otherwise time the disk." % machine.get("mnist_runs", "?"),
        "",
        "Figures are means over the measurement rounds, with the best round in brackets; the best-round ratio is less"
        " disturbed by other processes. The machine is shared: figures move by ±10–20 % between runs even when quiet,"
        " and far more under load (see the load average above and the rounds below). Compare ratios from one run only.",
        "",
        "## Every JMH result of this run",
        "",
        "| benchmark | parameters | mean | rounds | unit |",
        "|---|---|---|---|---|",
    ]
    for run in runs:
        metric = run["primaryMetric"]
        params = ", ".join("%s=%s" % kv for kv in sorted(run.get("params", {}).items()))
        rounds = " ".join("%.3f" % float(x) for fork in metric.get("rawData", []) for x in fork)
        lines.append("| `%s` | %s | %.3f | %s | %s |" % (run["benchmark"].replace("io.faltung.", ""), params,
                                                        float(metric["score"]), rounds, metric["scoreUnit"]))
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1])
