package io.faltung.backend.cuda.library;

import static jcuda.jcudnn.JCudnn.cudnnConvolutionBackwardData;
import static jcuda.jcudnn.JCudnn.cudnnConvolutionBackwardFilter;
import static jcuda.jcudnn.JCudnn.cudnnConvolutionForward;
import static jcuda.jcudnn.JCudnn.cudnnCreatePoolingDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnCreateTensorDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnDestroyPoolingDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnDestroyTensorDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnPoolingBackward;
import static jcuda.jcudnn.JCudnn.cudnnPoolingForward;
import static jcuda.jcudnn.JCudnn.cudnnSetPooling2dDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnSetTensor4dDescriptor;

import io.faltung.backend.cuda.CudaException;
import io.faltung.backend.cuda.CudaOptions;
import io.faltung.backend.cuda.CudaStatus;
import io.faltung.backend.cuda.library.ConvPlan.Candidate;
import io.faltung.spi.ConvSpec;
import io.faltung.spi.PoolSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnDataType;
import jcuda.jcudnn.cudnnHandle;
import jcuda.jcudnn.cudnnNanPropagation;
import jcuda.jcudnn.cudnnPoolingDescriptor;
import jcuda.jcudnn.cudnnPoolingMode;
import jcuda.jcudnn.cudnnTensorDescriptor;
import jcuda.jcudnn.cudnnTensorFormat;
import jcuda.runtime.cudaStream_t;

/**
 * A cuDNN handle on the backend's stream: convolution forward, backward data and backward filter
 * with descriptors and algorithm choice cached per shape ({@link ConvPlan}, at most
 * {@value #MAX_PLANS} shapes, least recently used evicted), a shared workspace, and pooling.
 * Uses only calls that cuDNN 8.9 and cuDNN 9 both have with identical signatures.
 */
public final class Cudnn implements AutoCloseable {
    /** Shapes whose plans are kept. */
    static final int MAX_PLANS = 64;
    private final cudnnHandle handle = new cudnnHandle();
    private final CudaOptions options;
    private final Map<ConvPlan.Key, ConvPlan> plans = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ConvPlan.Key, ConvPlan> eldest) {
            if (size() > MAX_PLANS) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };

    /** Loads the bindings (see {@link JCudnnNatives}), creates the handle and binds it to {@code stream}. */
    public Cudnn(CUstream stream, CudaOptions options) {
        try {
            JCudnnNatives.prepare();
        } catch (java.io.IOException e) {
            throw new CudaException("cannot prepare the cuDNN bindings: " + e.getMessage(), e);
        }
        this.options = options;
        CudaStatus.cudnn(JCudnn.cudnnCreate(handle), "cudnnCreate");
        try {
            CudaStatus.cudnn(JCudnn.cudnnSetStream(handle, new cudaStream_t(stream)), "cudnnSetStream");
        } catch (RuntimeException e) {
            JCudnn.cudnnDestroy(handle);
            throw e;
        }
    }

    /** The library version, e.g. {@code 8.9.7} or {@code 9.5.1}. */
    public String version() {
        long v = JCudnn.cudnnGetVersion();
        return v >= 90000 ? v / 10000 + "." + v % 10000 / 100 + "." + v % 100 : v / 1000 + "." + v % 1000 / 100 + "." + v % 100;
    }

    /**
     * Runs one convolution call: FORWARD {@code y = conv(x=a, w=b)}, BACKWARD_DATA {@code dx = f(dy=a, w=b)},
     * BACKWARD_FILTER {@code dw = f(x=a, dy=b)}; {@code out} is overwritten. {@code workspace} hands
     * out device memory of at least the requested bytes.
     */
    public void convolution(ConvDirection direction, boolean doublePrecision, int[] x, int[] w, int[] y, ConvSpec spec,
            CUdeviceptr a, CUdeviceptr b, CUdeviceptr out, LongFunction<CUdeviceptr> workspace) {
        ConvPlan.Key key = new ConvPlan.Key(doublePrecision, x[0], x[1], x[2], x[3], w[0], w[2], w[3], y[2], y[3], spec);
        ConvPlan plan = plans.get(key);
        if (plan == null) {
            plan = new ConvPlan(key, options.tf32());
            plans.put(key, plan);
        }
        List<Candidate> candidates = plan.candidates(direction);
        if (candidates == null) {
            ConvAlgorithms.Benchmark bench = null;
            if (options.benchmark()) {
                long bytes = options.workspaceLimit();
                bench = new ConvAlgorithms.Benchmark(a, b, out, workspace.apply(bytes), bytes);
            }
            candidates = ConvAlgorithms.choose(handle, plan, direction, options, bench);
            plan.setCandidates(direction, candidates);
        }
        Pointer one = scalar(doublePrecision, 1);
        Pointer zero = scalar(doublePrecision, 0);
        int last = 0;
        for (Candidate c : candidates) {
            CUdeviceptr ws = workspace.apply(c.workspace());
            last = switch (direction) {
                case FORWARD -> cudnnConvolutionForward(handle, one, plan.x, a, plan.w, b, plan.conv, c.algo(), ws,
                        c.workspace(), zero, plan.y, out);
                case BACKWARD_DATA -> cudnnConvolutionBackwardData(handle, one, plan.w, b, plan.y, a, plan.conv, c.algo(), ws,
                        c.workspace(), zero, plan.x, out);
                case BACKWARD_FILTER -> cudnnConvolutionBackwardFilter(handle, one, plan.x, a, plan.y, b, plan.conv, c.algo(), ws,
                        c.workspace(), zero, plan.w, out);
            };
            if (last == 0) {
                plan.prefer(direction, c);
                return;
            }
            if (!notSupported(last)) {
                break;
            }
        }
        throw new CudaException("cuDNN convolution " + direction + " failed for " + key + ": "
                + JCudnn.cudnnGetErrorString(last) + " (" + last + "), tried algorithms " + candidates);
    }

    /** cuDNN 8's NOT_SUPPORTED (9) or any of cuDNN 9's 3000-range codes. */
    private static boolean notSupported(int status) {
        return status == 9 || status >= 3000 && status < 4000;
    }

    /**
     * Pooling forward ({@code dy == null}: {@code y = pool(x)}) or backward ({@code dx} overwritten from
     * {@code x}, {@code y}, {@code dy}) on NCHW tensors {@code x [n,c,h,w]}, {@code y [n,c,p,q]}.
     */
    public void pooling(PoolSpec spec, boolean doublePrecision, int[] xShape, int[] yShape, CUdeviceptr x, CUdeviceptr y,
            CUdeviceptr dy, CUdeviceptr dx) {
        int type = doublePrecision ? cudnnDataType.CUDNN_DATA_DOUBLE : cudnnDataType.CUDNN_DATA_FLOAT;
        cudnnPoolingDescriptor pool = new cudnnPoolingDescriptor();
        cudnnTensorDescriptor xd = new cudnnTensorDescriptor();
        cudnnTensorDescriptor yd = new cudnnTensorDescriptor();
        CudaStatus.cudnn(cudnnCreatePoolingDescriptor(pool), "cudnnCreatePoolingDescriptor");
        CudaStatus.cudnn(cudnnCreateTensorDescriptor(xd), "cudnnCreateTensorDescriptor");
        CudaStatus.cudnn(cudnnCreateTensorDescriptor(yd), "cudnnCreateTensorDescriptor");
        try {
            int mode = switch (spec.mode()) {
                case MAX -> cudnnPoolingMode.CUDNN_POOLING_MAX_DETERMINISTIC;
                case AVG_INCLUDE_PADDING -> cudnnPoolingMode.CUDNN_POOLING_AVERAGE_COUNT_INCLUDE_PADDING;
                case AVG_EXCLUDE_PADDING -> cudnnPoolingMode.CUDNN_POOLING_AVERAGE_COUNT_EXCLUDE_PADDING;
            };
            CudaStatus.cudnn(cudnnSetPooling2dDescriptor(pool, mode, cudnnNanPropagation.CUDNN_PROPAGATE_NAN, spec.windowH(),
                    spec.windowW(), spec.padH(), spec.padW(), spec.strideH(), spec.strideW()), "cudnnSetPooling2dDescriptor(" + spec + ")");
            int format = cudnnTensorFormat.CUDNN_TENSOR_NCHW;
            CudaStatus.cudnn(cudnnSetTensor4dDescriptor(xd, format, type, xShape[0], xShape[1], xShape[2], xShape[3]),
                    "cudnnSetTensor4dDescriptor(pooling x)");
            CudaStatus.cudnn(cudnnSetTensor4dDescriptor(yd, format, type, yShape[0], yShape[1], yShape[2], yShape[3]),
                    "cudnnSetTensor4dDescriptor(pooling y)");
            Pointer one = scalar(doublePrecision, 1);
            Pointer zero = scalar(doublePrecision, 0);
            if (dy == null) {
                CudaStatus.cudnn(cudnnPoolingForward(handle, pool, one, xd, x, zero, yd, y), "cudnnPoolingForward(" + spec + ")");
            } else {
                CudaStatus.cudnn(cudnnPoolingBackward(handle, pool, one, yd, y, yd, dy, xd, x, zero, xd, dx),
                        "cudnnPoolingBackward(" + spec + ")");
            }
        } finally {
            cudnnDestroyTensorDescriptor(yd);
            cudnnDestroyTensorDescriptor(xd);
            cudnnDestroyPoolingDescriptor(pool);
        }
    }

    private static Pointer scalar(boolean doublePrecision, double v) {
        return doublePrecision ? Pointer.to(new double[] {v}) : Pointer.to(new float[] {(float) v});
    }

    @Override
    public void close() {
        plans.values().forEach(ConvPlan::close);
        plans.clear();
        JCudnn.cudnnDestroy(handle);
    }
}
