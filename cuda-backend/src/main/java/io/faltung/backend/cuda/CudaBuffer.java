package io.faltung.backend.cuda;

import io.faltung.spi.Buffer;
import io.faltung.spi.DType;
import jcuda.driver.CUdeviceptr;

/**
 * A {@link Buffer} in GPU memory: a block of the backend's {@link CachingAllocator}. Closing it
 * returns the block to the allocator's cache (not to the driver).
 */
public final class CudaBuffer implements Buffer {
    private final CachingAllocator<CUdeviceptr> owner;
    private final CachingAllocator.Block<CUdeviceptr> block;
    private final DType dtype;
    private final long size;
    private volatile boolean closed;

    CudaBuffer(CachingAllocator<CUdeviceptr> owner, DType dtype, long size) {
        this.owner = owner;
        this.dtype = dtype;
        this.size = size;
        this.block = owner.allocate(size * dtype.bytes());
    }

    /** The buffer behind {@code buffer}, checking that it is an open buffer of {@code allocator}. */
    static CudaBuffer of(Buffer buffer, CachingAllocator<CUdeviceptr> allocator) {
        if (!(buffer instanceof CudaBuffer cb) || cb.owner != allocator) {
            throw new IllegalArgumentException("CUDA backend got a buffer it did not allocate: "
                    + (buffer == null ? "null" : buffer.toString()));
        }
        if (cb.closed) {
            throw new IllegalStateException("CUDA buffer of " + cb.size + " " + cb.dtype + " used after close()");
        }
        return cb;
    }

    /** Device address of element {@code index}. */
    CUdeviceptr at(long index) {
        return block.pointer().withByteOffset(index * dtype.bytes());
    }

    /** Device address of element 0. */
    CUdeviceptr base() {
        return block.pointer();
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            owner.release(block, size * dtype.bytes());
        }
    }

    @Override
    public String toString() {
        return "CudaBuffer(" + size + " " + dtype + (closed ? ", closed)" : ")");
    }
}
