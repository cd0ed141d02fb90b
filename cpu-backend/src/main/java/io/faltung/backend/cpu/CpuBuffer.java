package io.faltung.backend.cpu;

import io.faltung.spi.Buffer;
import io.faltung.spi.DType;
import io.faltung.spi.View;

/**
 * A CPU buffer: a Java heap array ({@code float[]}, {@code double[]} or {@code int[]} for FLOAT32,
 * FLOAT64 and INT32), new or {@linkplain RecycledArrays recycled} (contents unspecified, as the SPI
 * allows). Closing drops the array reference, hands the array back for reuse, and reports the
 * release to the backend's ledger exactly once.
 */
public final class CpuBuffer implements Buffer {
    private final DType dtype;
    private final int size;
    private final MemoryLedger ledger;
    private final RecycledArrays recycled;
    private volatile Object array;

    CpuBuffer(DType dtype, int size, MemoryLedger ledger, RecycledArrays recycled) {
        this.dtype = dtype;
        this.size = size;
        this.ledger = ledger;
        this.recycled = recycled;
        this.array = recycled.take(dtype, size);
        ledger.allocated(bytes());
    }

    /** The heap array behind {@code view}, which must live on a CPU buffer that is still open. */
    public static Object arrayOf(View view) {
        if (!(view.buffer() instanceof CpuBuffer cpu)) {
            throw new IllegalArgumentException("the cpu backend cannot read a "
                    + view.buffer().getClass().getSimpleName() + " (" + view + ")");
        }
        return cpu.array();
    }

    /** The heap array; throws {@link IllegalStateException} once the buffer is closed. */
    public Object array() {
        Object a = array;
        if (a == null) {
            throw new IllegalStateException("use of a closed cpu buffer (" + dtype + ", " + size + " elements)");
        }
        return a;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public long size() {
        return size;
    }

    /** Bytes this buffer counts for in {@link io.faltung.spi.MemoryStats}. */
    long bytes() {
        return (long) size * dtype.bytes();
    }

    @Override
    public boolean isClosed() {
        return array == null;
    }

    @Override
    public void close() {
        Object a;
        synchronized (this) {
            a = array;
            if (a == null) {
                return;
            }
            array = null;
        }
        ledger.released(bytes());
        recycled.give(dtype, size, a);
    }

    @Override
    public String toString() {
        return "CpuBuffer(" + dtype + ", " + size + (isClosed() ? ", closed)" : ")");
    }
}
