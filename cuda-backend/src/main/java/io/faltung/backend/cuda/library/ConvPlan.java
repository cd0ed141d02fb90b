package io.faltung.backend.cuda.library;

import static jcuda.jcudnn.JCudnn.cudnnCreateConvolutionDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnCreateFilterDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnCreateTensorDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnDestroyConvolutionDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnDestroyFilterDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnDestroyTensorDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnSetConvolution2dDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnSetConvolutionGroupCount;
import static jcuda.jcudnn.JCudnn.cudnnSetConvolutionMathType;
import static jcuda.jcudnn.JCudnn.cudnnSetFilter4dDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnSetTensor4dDescriptor;

import io.faltung.backend.cuda.CudaStatus;
import io.faltung.spi.ConvSpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jcuda.jcudnn.cudnnConvolutionDescriptor;
import jcuda.jcudnn.cudnnConvolutionMode;
import jcuda.jcudnn.cudnnDataType;
import jcuda.jcudnn.cudnnFilterDescriptor;
import jcuda.jcudnn.cudnnMathType;
import jcuda.jcudnn.cudnnTensorDescriptor;
import jcuda.jcudnn.cudnnTensorFormat;

/**
 * The cuDNN descriptors of one convolution shape ({@link Key}) and, per {@link ConvDirection}, the
 * algorithms that may run it, best first (chosen once by {@link ConvAlgorithms} and cached here).
 * The convolution descriptor's math type is {@code CUDNN_FMA_MATH} for FLOAT32 unless TF32 is on:
 * cuDNN's default would allow TF32 tensor cores on Ampere and later.
 */
final class ConvPlan implements AutoCloseable {
    /** One convolution shape: x [n,c,h,w], w [k,c/groups,r,s], y [n,k,p,q] of one data type. */
    record Key(boolean doublePrecision, int n, int c, int h, int w, int k, int r, int s, int p, int q, ConvSpec spec) {
        @Override
        public String toString() {
            return "x [" + n + "," + c + "," + h + "," + w + "] w [" + k + "," + c / spec.groups() + "," + r + "," + s
                    + "] y [" + n + "," + k + "," + p + "," + q + "] " + spec + (doublePrecision ? " FLOAT64" : " FLOAT32");
        }
    }

    /** An algorithm and the workspace it needs. */
    record Candidate(int algo, long workspace) {
    }

    final Key key;
    final cudnnTensorDescriptor x = new cudnnTensorDescriptor();
    final cudnnTensorDescriptor y = new cudnnTensorDescriptor();
    final cudnnFilterDescriptor w = new cudnnFilterDescriptor();
    final cudnnConvolutionDescriptor conv = new cudnnConvolutionDescriptor();
    private final Map<ConvDirection, List<Candidate>> candidates = new EnumMap<>(ConvDirection.class);

    ConvPlan(Key key, boolean tf32) {
        this.key = key;
        int type = key.doublePrecision() ? cudnnDataType.CUDNN_DATA_DOUBLE : cudnnDataType.CUDNN_DATA_FLOAT;
        int format = cudnnTensorFormat.CUDNN_TENSOR_NCHW;
        ConvSpec s = key.spec();
        CudaStatus.cudnn(cudnnCreateTensorDescriptor(x), "cudnnCreateTensorDescriptor");
        CudaStatus.cudnn(cudnnCreateTensorDescriptor(y), "cudnnCreateTensorDescriptor");
        CudaStatus.cudnn(cudnnCreateFilterDescriptor(w), "cudnnCreateFilterDescriptor");
        CudaStatus.cudnn(cudnnCreateConvolutionDescriptor(conv), "cudnnCreateConvolutionDescriptor");
        try {
            CudaStatus.cudnn(cudnnSetTensor4dDescriptor(x, format, type, key.n(), key.c(), key.h(), key.w()),
                    "cudnnSetTensor4dDescriptor(x of " + key + ")");
            CudaStatus.cudnn(cudnnSetTensor4dDescriptor(y, format, type, key.n(), key.k(), key.p(), key.q()),
                    "cudnnSetTensor4dDescriptor(y of " + key + ")");
            CudaStatus.cudnn(cudnnSetFilter4dDescriptor(w, type, format, key.k(), key.c() / s.groups(), key.r(), key.s()),
                    "cudnnSetFilter4dDescriptor(" + key + ")");
            CudaStatus.cudnn(cudnnSetConvolution2dDescriptor(conv, s.padH(), s.padW(), s.strideH(), s.strideW(),
                    s.dilationH(), s.dilationW(), cudnnConvolutionMode.CUDNN_CROSS_CORRELATION, type),
                    "cudnnSetConvolution2dDescriptor(" + key + ")");
            CudaStatus.cudnn(cudnnSetConvolutionGroupCount(conv, s.groups()), "cudnnSetConvolutionGroupCount(" + s.groups() + ")");
            int math = key.doublePrecision() || tf32 ? cudnnMathType.CUDNN_DEFAULT_MATH : cudnnMathType.CUDNN_FMA_MATH;
            CudaStatus.cudnn(cudnnSetConvolutionMathType(conv, math), "cudnnSetConvolutionMathType(" + math + ")");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The cached candidates of {@code direction}, or null before the first choice. */
    List<Candidate> candidates(ConvDirection direction) {
        return candidates.get(direction);
    }

    /** Caches the candidates of {@code direction}. */
    void setCandidates(ConvDirection direction, List<Candidate> list) {
        candidates.put(direction, List.copyOf(list));
    }

    /** Moves {@code winner} to the front, so later calls start with the algorithm that ran. */
    void prefer(ConvDirection direction, Candidate winner) {
        List<Candidate> list = candidates.get(direction);
        if (list != null && !list.isEmpty() && !list.get(0).equals(winner)) {
            java.util.ArrayList<Candidate> reordered = new java.util.ArrayList<>(list);
            reordered.remove(winner);
            reordered.add(0, winner);
            candidates.put(direction, List.copyOf(reordered));
        }
    }

    @Override
    public void close() {
        cudnnDestroyTensorDescriptor(x);
        cudnnDestroyTensorDescriptor(y);
        cudnnDestroyFilterDescriptor(w);
        cudnnDestroyConvolutionDescriptor(conv);
    }
}
