package io.faltung.backend.cuda.library;

import java.util.ArrayList;
import java.util.List;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * The parameter list of one kernel launch, in the order of the kernel's C signature: each value is
 * wrapped the way {@code cuLaunchKernel} expects (a pointer to the value).
 */
public final class KernelArgs {
    private final List<NativePointerObject> params = new ArrayList<>();

    /** A device pointer argument ({@code T*}). */
    public KernelArgs ptr(CUdeviceptr p) {
        params.add(Pointer.to(p));
        return this;
    }

    /** A null device pointer (an elementwise operand that is a scalar). */
    public KernelArgs nullPtr() {
        params.add(Pointer.to(new CUdeviceptr()));
        return this;
    }

    /** An {@code int} argument. */
    public KernelArgs i32(int v) {
        params.add(Pointer.to(new int[] {v}));
        return this;
    }

    /** A {@code long long} / {@code unsigned long long} argument. */
    public KernelArgs i64(long v) {
        params.add(Pointer.to(new long[] {v}));
        return this;
    }

    /** A {@code double} argument. */
    public KernelArgs f64(double v) {
        params.add(Pointer.to(new double[] {v}));
        return this;
    }

    /** A struct of {@code int} fields passed by value (e.g. {@code PoolGeometry}). */
    public KernelArgs ints(int[] fields) {
        params.add(Pointer.to(fields.clone()));
        return this;
    }

    /** A {@code Strided} struct argument, packed by {@code StridedLayout}. */
    public KernelArgs strided(int[] packed) {
        params.add(Pointer.to(packed.clone()));
        return this;
    }

    /** The {@code kernelParams} pointer for {@code cuLaunchKernel}. */
    Pointer build() {
        return Pointer.to(params.toArray(new NativePointerObject[0]));
    }
}
