package io.faltung.backend.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import io.faltung.backend.cuda.library.Cublas;
import io.faltung.backend.cuda.library.Cudnn;
import io.faltung.backend.cuda.library.Fatbin;
import io.faltung.backend.cuda.library.Kernels;
import io.faltung.spi.Buffer;
import io.faltung.spi.DType;
import io.faltung.spi.View;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;

/**
 * Everything one {@link CudaBackend} holds on the GPU: the device's primary context, one stream,
 * the cuBLAS and cuDNN handles bound to it, the kernels module, the caching allocator, pinned
 * staging for host transfers and a grow-only cuDNN workspace. Opening goes step by step so a failure
 * names the missing piece ({@link Step}); whatever was created before is released again.
 */
final class CudaContext implements AutoCloseable {
    /** The stages of opening, in order; a failure is reported with the stage's label. */
    enum Step {
        DRIVER("no usable CUDA driver"),
        DEVICE("no usable CUDA device"),
        KERNELS("Faltung's CUDA kernels cannot run"),
        CUBLAS("cuBLAS is missing or failing"),
        CUDNN("cuDNN is missing or failing");

        final String label;

        Step(String label) {
            this.label = label;
        }
    }

    /** A failure while opening, tagged with the {@link Step} it happened in. */
    static final class OpenFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Step step;

        OpenFailure(Step step, Throwable cause) {
            super(step.label + ": " + describe(cause), cause);
            this.step = step;
        }
    }

    final CudaOptions options;
    final CUdevice device = new CUdevice();
    final CUcontext context = new CUcontext();
    final CUstream stream = new CUstream();
    final String description;
    final int computeMajor;
    final int computeMinor;
    CachingAllocator<CUdeviceptr> allocator;
    HostTransfers transfers;
    Kernels kernels;
    Cublas cublas;
    Cudnn cudnn;
    private final Deque<Runnable> cleanup = new ArrayDeque<>();
    private final ThreadLocal<Boolean> current = new ThreadLocal<>();
    private CUdeviceptr workspace;
    private long workspaceBytes;

    private CudaContext(CudaOptions options) {
        this.options = options;
        int[] value = new int[1];
        step(Step.DRIVER, () -> CudaStatus.driver(cuInit(0), "cuInit"));
        int[] driverVersion = new int[1];
        step(Step.DRIVER, () -> CudaStatus.driver(cuDriverGetVersion(driverVersion), "cuDriverGetVersion"));
        step(Step.DEVICE, () -> {
            CudaStatus.driver(cuDeviceGetCount(value), "cuDeviceGetCount");
            if (value[0] <= options.device()) {
                throw new CudaException("device " + options.device() + " requested but " + value[0] + " CUDA device(s) found");
            }
            CudaStatus.driver(cuDeviceGet(device, options.device()), "cuDeviceGet(" + options.device() + ")");
        });
        computeMajor = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        computeMinor = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        int multiprocessors = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        byte[] name = new byte[256];
        cuDeviceGetName(name, name.length, device);
        step(Step.DEVICE, () -> {
            CudaStatus.driver(cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
            cleanup.push(() -> cuDevicePrimaryCtxRelease(device));
            CudaStatus.driver(cuCtxSetCurrent(context), "cuCtxSetCurrent");
            CudaStatus.driver(cuStreamCreate(stream, CUstream_flags.CU_STREAM_DEFAULT), "cuStreamCreate");
            cleanup.push(() -> cuStreamDestroy(stream));
            allocator = new CachingAllocator<>(new DriverMemory(this));
            cleanup.push(() -> allocator.emptyCache());
            transfers = new HostTransfers(stream);
            cleanup.push(transfers::close);
        });
        step(Step.KERNELS, () -> {
            Fatbin fatbin = loadFatbin();
            if (!fatbin.runsOn(computeMajor, computeMinor)) {
                throw new CudaException("the fatbin holds " + fatbin.images() + ", nothing that runs on sm_" + computeMajor
                        + computeMinor + " (rebuild faltung-native with that architecture)");
            }
            kernels = new Kernels(fatbin, stream, multiprocessors);
            cleanup.push(kernels::close);
        });
        step(Step.CUBLAS, () -> {
            cublas = new Cublas(stream, options.tf32());
            cleanup.push(cublas::close);
        });
        step(Step.CUDNN, () -> {
            cudnn = new Cudnn(stream, options);
            cleanup.push(cudnn::close);
        });
        current.set(Boolean.TRUE);
        long[] free = new long[1];
        long[] total = new long[1];
        cuMemGetInfo(free, total);
        description = "cuda (" + new String(name).trim() + ", sm_" + computeMajor + computeMinor + ", "
                + gib(total[0]) + ", driver " + driverVersion[0] / 1000 + "." + driverVersion[0] % 1000 / 10
                + ", cuBLAS " + cublas.version() + ", cuDNN " + cudnn.version()
                + (options.tf32() ? ", TF32 on" : "") + (options.deterministic() ? ", deterministic" : "") + ")";
    }

    /** Opens a context; throws {@link OpenFailure} naming the step that failed. */
    static CudaContext open(CudaOptions options) {
        return new CudaContext(options);
    }

    private void step(Step step, Runnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            close();
            throw new OpenFailure(step, t);
        }
    }

    private int attribute(int attribute) {
        int[] value = new int[1];
        step(Step.DEVICE, () -> CudaStatus.driver(cuDeviceGetAttribute(value, attribute, device), "cuDeviceGetAttribute"));
        return value[0];
    }

    private static Fatbin loadFatbin() {
        try {
            return Fatbin.load();
        } catch (IOException e) {
            throw new CudaException(e.getMessage(), e);
        }
    }

    /** The open buffer behind view {@code v}, checking that this backend allocated it. */
    CudaBuffer buffer(View v) {
        return CudaBuffer.of(v.buffer(), allocator);
    }

    /** The open buffer behind {@code b}, checking that this backend allocated it. */
    CudaBuffer buffer(Buffer b) {
        return CudaBuffer.of(b, allocator);
    }

    /** A new buffer of {@code count} elements from the caching allocator. */
    CudaBuffer allocate(DType dtype, long count) {
        return new CudaBuffer(allocator, dtype, count);
    }

    /** Makes this context current on the calling thread (once per thread). */
    void enter() {
        if (current.get() == null) {
            CudaStatus.driver(cuCtxSetCurrent(context), "cuCtxSetCurrent");
            current.set(Boolean.TRUE);
        }
    }

    /** A device workspace of at least {@code bytes}, reused (and grown) across calls; not counted as a buffer. */
    CUdeviceptr workspace(long bytes) {
        if (bytes > workspaceBytes) {
            synchronize();
            if (workspace != null) {
                cuMemFree(workspace);
                workspace = null;
                workspaceBytes = 0;
            }
            CUdeviceptr p = new DriverMemory(this).allocate(bytes);
            if (p == null) {
                allocator.emptyCache();
                p = new DriverMemory(this).allocate(bytes);
            }
            if (p == null) {
                throw new CudaOutOfMemoryException("CUDA out of memory: cannot allocate a cuDNN workspace of " + bytes
                        + " bytes; live buffers: " + allocator.stats() + "; device: " + memoryInfo());
            }
            workspace = p;
            workspaceBytes = bytes;
        }
        return workspace == null ? new CUdeviceptr() : workspace;
    }

    /** Waits for all queued work. */
    void synchronize() {
        CudaStatus.driver(cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    /** "x GiB free of y GiB". */
    String memoryInfo() {
        long[] free = new long[1];
        long[] total = new long[1];
        int rc = cuMemGetInfo(free, total);
        return rc == CUresult.CUDA_SUCCESS ? gib(free[0]) + " free of " + gib(total[0]) : "cuMemGetInfo failed";
    }

    private static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (root != t && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getMessage() + ")";
        }
        return firstLine(message);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }

    @Override
    public synchronized void close() {
        if (workspace != null) {
            cuStreamSynchronize(stream);
            cuMemFree(workspace);
            workspace = null;
            workspaceBytes = 0;
        }
        while (!cleanup.isEmpty()) {
            try {
                cleanup.pop().run();
            } catch (RuntimeException | LinkageError e) {
                // keep releasing the rest; the first failure was already reported by the caller
            }
        }
    }

    /** Device memory straight from the driver, for the allocator and the workspace. */
    private record DriverMemory(CudaContext ctx) implements CachingAllocator.DeviceMemory<CUdeviceptr> {
        @Override
        public CUdeviceptr allocate(long bytes) {
            CUdeviceptr p = new CUdeviceptr();
            int rc = cuMemAlloc(p, bytes);
            if (rc == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
                return null;
            }
            CudaStatus.driver(rc, "cuMemAlloc(" + bytes + ")");
            return p;
        }

        @Override
        public void free(CUdeviceptr pointer) {
            CudaStatus.driver(cuMemFree(pointer), "cuMemFree");
        }

        @Override
        public void synchronize() {
            ctx.synchronize();
        }

        @Override
        public String describe() {
            return ctx.memoryInfo();
        }
    }
}
