package io.faltung.backend.cuda;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;
import static jcuda.driver.JCudaDriver.cuMemAllocHost;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import io.faltung.spi.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUstream;

/**
 * Host ↔ device copies through two pinned (page-locked) staging chunks, so copies run as
 * asynchronous DMA on the backend's stream instead of through pageable memory. An upload copies the
 * Java array into a chunk and queues the DMA (the caller may reuse its array at once); the chunk is
 * reused after its previous DMA finished (one event per chunk), so large uploads alternate chunks
 * and overlap packing with transfer. A download queues the DMA, waits for the stream (so it sees all
 * earlier work) and unpacks.
 */
final class HostTransfers implements AutoCloseable {
    /** Bytes per staging chunk. */
    static final int CHUNK = 4 << 20;
    private final CUstream stream;
    private final Pointer[] pinned = new Pointer[2];
    private final ByteBuffer[] views = new ByteBuffer[2];
    private final CUevent[] done = new CUevent[2];
    private int next;

    HostTransfers(CUstream stream) {
        this.stream = stream;
        for (int i = 0; i < 2; i++) {
            pinned[i] = new Pointer();
            CudaStatus.driver(cuMemAllocHost(pinned[i], CHUNK), "cuMemAllocHost(" + CHUNK + ")");
            views[i] = pinned[i].getByteBuffer(0, CHUNK).order(ByteOrder.nativeOrder());
            done[i] = new CUevent();
            CudaStatus.driver(cuEventCreate(done[i], CUevent_flags.CU_EVENT_DISABLE_TIMING), "cuEventCreate");
        }
    }

    /** Copies {@code count} elements of {@code src} (a float[], double[] or int[] of {@code type}) to {@code dst}. */
    synchronized void upload(Object src, int srcOffset, DType type, CUdeviceptr dst, int count) {
        int per = CHUNK / type.bytes();
        for (int copied = 0; copied < count; ) {
            int n = Math.min(per, count - copied);
            int c = next;
            next ^= 1;
            CudaStatus.driver(cuEventSynchronize(done[c]), "cuEventSynchronize(staging)");
            ByteBuffer view = views[c].clear();
            switch (type) {
                case FLOAT32 -> view.asFloatBuffer().put((float[]) src, srcOffset + copied, n);
                case FLOAT64 -> view.asDoubleBuffer().put((double[]) src, srcOffset + copied, n);
                case INT32 -> view.asIntBuffer().put((int[]) src, srcOffset + copied, n);
            }
            long bytes = (long) n * type.bytes();
            CudaStatus.driver(cuMemcpyHtoDAsync(dst.withByteOffset((long) copied * type.bytes()), pinned[c], bytes, stream),
                    "cuMemcpyHtoDAsync(" + bytes + " bytes)");
            CudaStatus.driver(cuEventRecord(done[c], stream), "cuEventRecord(staging)");
            copied += n;
        }
    }

    /** Copies {@code count} elements of {@code src} into {@code dst} (a float[], double[] or int[] of {@code type}). */
    synchronized void download(CUdeviceptr src, Object dst, int dstOffset, DType type, int count) {
        int per = CHUNK / type.bytes();
        for (int copied = 0; copied < count; ) {
            int n = Math.min(per, count - copied);
            long bytes = (long) n * type.bytes();
            CudaStatus.driver(cuMemcpyDtoHAsync(pinned[0], src.withByteOffset((long) copied * type.bytes()), bytes, stream),
                    "cuMemcpyDtoHAsync(" + bytes + " bytes)");
            CudaStatus.driver(cuStreamSynchronize(stream), "cuStreamSynchronize");
            ByteBuffer view = views[0].clear();
            switch (type) {
                case FLOAT32 -> view.asFloatBuffer().get((float[]) dst, dstOffset + copied, n);
                case FLOAT64 -> view.asDoubleBuffer().get((double[]) dst, dstOffset + copied, n);
                case INT32 -> view.asIntBuffer().get((int[]) dst, dstOffset + copied, n);
            }
            copied += n;
        }
    }

    @Override
    public synchronized void close() {
        for (int i = 0; i < 2; i++) {
            if (done[i] != null) {
                cuEventSynchronize(done[i]);
                cuEventDestroy(done[i]);
            }
            if (pinned[i] != null) {
                cuMemFreeHost(pinned[i]);
            }
        }
    }
}
