package io.faltung.backend.cuda.library;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

import io.faltung.backend.cuda.CudaStatus;
import io.faltung.spi.DType;
import java.util.HashMap;
import java.util.Map;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;

/**
 * Faltung's own kernels: the {@link Fatbin} loaded as one module with {@code cuModuleLoadData},
 * functions looked up by name once, and launches on the backend's stream. Kernels are
 * {@code extern "C"}, named {@code family_<dtype>} with {@link #suffix} (see native/kernels).
 */
public final class Kernels implements AutoCloseable {
    /** Threads per block of every launch (the reduce kernels' shared arrays assume it). */
    public static final int BLOCK = 256;
    private final CUmodule module = new CUmodule();
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final CUstream stream;
    private final int maxBlocks;

    /** Loads {@code fatbin} into the current context; launches go to {@code stream}. */
    public Kernels(Fatbin fatbin, CUstream stream, int multiprocessors) {
        CudaStatus.driver(cuModuleLoadData(module, fatbin.bytes()), "cuModuleLoadData(" + fatbin + ")");
        this.stream = stream;
        this.maxBlocks = Math.max(1, multiprocessors) * 32;
    }

    /** The kernel-name suffix of {@code dtype}: {@code f32}, {@code f64} or {@code i32}. */
    public static String suffix(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> "f32";
            case FLOAT64 -> "f64";
            case INT32 -> "i32";
        };
    }

    /** The function {@code name}, looked up once. */
    public synchronized CUfunction function(String name) {
        CUfunction f = functions.get(name);
        if (f == null) {
            f = new CUfunction();
            CudaStatus.driver(cuModuleGetFunction(f, module, name), "cuModuleGetFunction(" + name + ")");
            functions.put(name, f);
        }
        return f;
    }

    /** Launches {@code name} over {@code n} elements (grid-stride kernels); nothing happens for {@code n == 0}. */
    public void launch(String name, long n, KernelArgs args) {
        if (n <= 0) {
            return;
        }
        long blocks = Math.min((n + BLOCK - 1) / BLOCK, maxBlocks);
        launchBlocks(name, (int) blocks, args);
    }

    /** Launches {@code name} on {@code blocks} blocks of {@link #BLOCK} threads. */
    public void launchBlocks(String name, int blocks, KernelArgs args) {
        CudaStatus.driver(cuLaunchKernel(function(name), Math.max(1, blocks), 1, 1, BLOCK, 1, 1, 0, stream, args.build(), null),
                "cuLaunchKernel(" + name + ")");
    }

    /** The most blocks a grid-stride launch uses (32 per multiprocessor). */
    public int maxBlocks() {
        return maxBlocks;
    }

    @Override
    public synchronized void close() {
        functions.clear();
        cuModuleUnload(module);
    }
}
