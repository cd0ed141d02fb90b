package io.faltung.backend.cuda.library;

import static jcuda.jcudnn.JCudnn.cudnnFindConvolutionBackwardDataAlgorithmEx;
import static jcuda.jcudnn.JCudnn.cudnnFindConvolutionBackwardFilterAlgorithmEx;
import static jcuda.jcudnn.JCudnn.cudnnFindConvolutionForwardAlgorithmEx;
import static jcuda.jcudnn.JCudnn.cudnnGetConvolutionBackwardDataAlgorithmMaxCount;
import static jcuda.jcudnn.JCudnn.cudnnGetConvolutionBackwardDataAlgorithm_v7;
import static jcuda.jcudnn.JCudnn.cudnnGetConvolutionBackwardDataWorkspaceSize;
import static jcuda.jcudnn.JCudnn.cudnnGetConvolutionBackwardFilterAlgorithmMaxCount;
import static jcuda.jcudnn.JCudnn.cudnnGetConvolutionBackwardFilterAlgorithm_v7;
import static jcuda.jcudnn.JCudnn.cudnnGetConvolutionBackwardFilterWorkspaceSize;
import static jcuda.jcudnn.JCudnn.cudnnGetConvolutionForwardAlgorithmMaxCount;
import static jcuda.jcudnn.JCudnn.cudnnGetConvolutionForwardAlgorithm_v7;
import static jcuda.jcudnn.JCudnn.cudnnGetConvolutionForwardWorkspaceSize;

import io.faltung.backend.cuda.CudaException;
import io.faltung.backend.cuda.CudaOptions;
import io.faltung.backend.cuda.CudaStatus;
import io.faltung.backend.cuda.library.ConvPlan.Candidate;
import java.util.ArrayList;
import java.util.List;
import jcuda.Pointer;
import jcuda.jcudnn.cudnnConvolutionBwdDataAlgoPerf;
import jcuda.jcudnn.cudnnConvolutionBwdFilterAlgoPerf;
import jcuda.jcudnn.cudnnConvolutionFwdAlgoPerf;
import jcuda.jcudnn.cudnnDeterminism;
import jcuda.jcudnn.cudnnHandle;

/**
 * Chooses cuDNN convolution algorithms for a {@link ConvPlan}: cuDNN's heuristics
 * ({@code cudnnGet…Algorithm_v7}) by default, or timing every algorithm once
 * ({@code cudnnFind…AlgorithmEx}) when benchmarking is on. Candidates whose status is not success,
 * that are not deterministic when determinism is required, whose workspace size cuDNN refuses to
 * report, or whose workspace exceeds the limit are dropped. (JCudnn 11.7 does not copy the
 * {@code mathType} of forward and backward-data results, so the math type comes from the descriptor.)
 */
final class ConvAlgorithms {
    /** Device memory for a benchmark: the call's operands and a workspace. */
    record Benchmark(Pointer a, Pointer b, Pointer out, Pointer workspace, long workspaceBytes) {
    }

    private record Raw(int algo, int status, int determinism) {
    }

    private ConvAlgorithms() {
    }

    /** The usable algorithms for {@code direction}, best first; throws if there is none. */
    static List<Candidate> choose(cudnnHandle handle, ConvPlan plan, ConvDirection direction, CudaOptions options,
            Benchmark benchmark) {
        List<Raw> raw = query(handle, plan, direction, benchmark);
        List<Candidate> out = new ArrayList<>();
        for (Raw r : raw) {
            if (r.status() != 0 || options.deterministic() && r.determinism() != cudnnDeterminism.CUDNN_DETERMINISTIC) {
                continue;
            }
            long[] size = new long[1];
            if (workspaceSize(handle, plan, direction, r.algo(), size) == 0 && size[0] <= options.workspaceLimit()
                    && out.stream().noneMatch(c -> c.algo() == r.algo())) {
                out.add(new Candidate(r.algo(), size[0]));
            }
        }
        if (out.isEmpty()) {
            throw new CudaException("cuDNN offers no " + direction + " algorithm for " + plan.key
                    + (options.deterministic() ? " that is deterministic" : "") + " within a workspace of "
                    + options.workspaceLimit() + " bytes (candidates: " + raw + ")");
        }
        return out;
    }

    /**
     * cuDNN's candidate list for {@code direction}: heuristics ({@code benchmark == null}) or timing
     * ({@code cudnnFind…AlgorithmEx} on the benchmark's memory).
     */
    private static List<Raw> query(cudnnHandle h, ConvPlan p, ConvDirection direction, Benchmark m) {
        int[] max = new int[1];
        int[] n = new int[1];
        String call = (m == null ? "heuristics" : "timing") + " of cuDNN " + direction + " algorithms for " + p.key;
        List<Raw> raw = new ArrayList<>();
        switch (direction) {
            case FORWARD -> {
                CudaStatus.cudnn(cudnnGetConvolutionForwardAlgorithmMaxCount(h, max), "cudnnGetConvolutionForwardAlgorithmMaxCount");
                cudnnConvolutionFwdAlgoPerf[] r = new cudnnConvolutionFwdAlgoPerf[Math.max(1, max[0])];
                CudaStatus.cudnn(m == null ? cudnnGetConvolutionForwardAlgorithm_v7(h, p.x, p.w, p.conv, p.y, r.length, n, r)
                        : cudnnFindConvolutionForwardAlgorithmEx(h, p.x, m.a(), p.w, m.b(), p.conv, p.y, m.out(), r.length, n, r,
                                m.workspace(), m.workspaceBytes()), call);
                for (int i = 0; i < n[0]; i++) {
                    raw.add(new Raw(r[i].algo, r[i].status, r[i].determinism));
                }
            }
            case BACKWARD_DATA -> {
                CudaStatus.cudnn(cudnnGetConvolutionBackwardDataAlgorithmMaxCount(h, max), "cudnnGetConvolutionBackwardDataAlgorithmMaxCount");
                cudnnConvolutionBwdDataAlgoPerf[] r = new cudnnConvolutionBwdDataAlgoPerf[Math.max(1, max[0])];
                CudaStatus.cudnn(m == null ? cudnnGetConvolutionBackwardDataAlgorithm_v7(h, p.w, p.y, p.conv, p.x, r.length, n, r)
                        : cudnnFindConvolutionBackwardDataAlgorithmEx(h, p.w, m.b(), p.y, m.a(), p.conv, p.x, m.out(), r.length, n, r,
                                m.workspace(), m.workspaceBytes()), call);
                for (int i = 0; i < n[0]; i++) {
                    raw.add(new Raw(r[i].algo, r[i].status, r[i].determinism));
                }
            }
            case BACKWARD_FILTER -> {
                CudaStatus.cudnn(cudnnGetConvolutionBackwardFilterAlgorithmMaxCount(h, max), "cudnnGetConvolutionBackwardFilterAlgorithmMaxCount");
                cudnnConvolutionBwdFilterAlgoPerf[] r = new cudnnConvolutionBwdFilterAlgoPerf[Math.max(1, max[0])];
                CudaStatus.cudnn(m == null ? cudnnGetConvolutionBackwardFilterAlgorithm_v7(h, p.x, p.y, p.conv, p.w, r.length, n, r)
                        : cudnnFindConvolutionBackwardFilterAlgorithmEx(h, p.x, m.a(), p.y, m.b(), p.conv, p.w, m.out(), r.length, n, r,
                                m.workspace(), m.workspaceBytes()), call);
                for (int i = 0; i < n[0]; i++) {
                    raw.add(new Raw(r[i].algo, r[i].status, r[i].determinism));
                }
            }
        }
        return raw;
    }

    private static int workspaceSize(cudnnHandle h, ConvPlan p, ConvDirection direction, int algo, long[] size) {
        return switch (direction) {
            case FORWARD -> cudnnGetConvolutionForwardWorkspaceSize(h, p.x, p.w, p.conv, p.y, algo, size);
            case BACKWARD_DATA -> cudnnGetConvolutionBackwardDataWorkspaceSize(h, p.w, p.y, p.conv, p.x, algo, size);
            case BACKWARD_FILTER -> cudnnGetConvolutionBackwardFilterWorkspaceSize(h, p.x, p.y, p.conv, p.w, algo, size);
        };
    }
}
