package io.faltung.io.safetensors;

import io.faltung.io.InvalidFormatException;
import io.faltung.spi.DType;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor's values in host memory: an element type, a shape and a row-major Java array
 * ({@code float[]}, {@code double[]} or {@code int[]}). It is what files hold, independent of any
 * backend; {@link #of(Tensor)} downloads a tensor and {@link #toTensor()} uploads one.
 * Equality compares bit patterns ({@code 0.0} and {@code -0.0} differ), except that all NaNs are equal.
 */
public final class HostTensor {
    /** The largest element count a Java array can hold. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final int CHUNK = 1 << 20;

    private final DType dtype;
    private final Shape shape;
    private final Object data;

    private HostTensor(DType dtype, Shape shape, Object data, int length) {
        if (shape.size() != length) {
            throw new IllegalArgumentException(length + " values do not fill shape " + shape);
        }
        this.dtype = dtype;
        this.shape = shape;
        this.data = data;
    }

    /** FLOAT32 values. The array is not copied. */
    public static HostTensor ofFloats(float[] values, int... shape) {
        return new HostTensor(DType.FLOAT32, Shape.of(shape), values, values.length);
    }

    /** FLOAT64 values. The array is not copied. */
    public static HostTensor ofDoubles(double[] values, int... shape) {
        return new HostTensor(DType.FLOAT64, Shape.of(shape), values, values.length);
    }

    /** INT32 values. The array is not copied. */
    public static HostTensor ofInts(int[] values, int... shape) {
        return new HostTensor(DType.INT32, Shape.of(shape), values, values.length);
    }

    /** The values of {@code tensor}, downloaded in row-major order with its dtype and shape. */
    public static HostTensor of(Tensor tensor) {
        int[] dims = tensor.shape().toArray();
        return switch (tensor.dtype()) {
            case FLOAT32 -> ofFloats(tensor.toFloatArray(), dims);
            case FLOAT64 -> ofDoubles(tensor.toDoubleArray(), dims);
            case INT32 -> ofInts(tensor.toIntArray(), dims);
        };
    }

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** The FLOAT32 values (not a copy). */
    public float[] floats() {
        return (float[]) require(DType.FLOAT32);
    }

    /** The FLOAT64 values (not a copy). */
    public double[] doubles() {
        return (double[]) require(DType.FLOAT64);
    }

    /** The INT32 values (not a copy). */
    public int[] ints() {
        return (int[]) require(DType.INT32);
    }

    /** A new tensor with these values on the current backend, owned by the current scope. */
    public Tensor toTensor() {
        int[] dims = shape.toArray();
        return switch (dtype) {
            case FLOAT32 -> Tensor.of(floats(), dims);
            case FLOAT64 -> Tensor.of(doubles(), dims);
            case INT32 -> Tensor.ofInts(ints(), dims);
        };
    }

    /**
     * A new tensor with these values on the backend of {@code like} (e.g. the parameter it will be
     * copied into), owned by the current scope.
     */
    public Tensor toTensorLike(Tensor like) {
        int[] dims = shape.toArray();
        return switch (dtype) {
            case FLOAT32 -> Tensor.of(like.backend(), floats(), dims);
            case FLOAT64 -> Tensor.of(like.backend(), doubles(), dims);
            case INT32 -> {
                // Doubles hold every int exactly and the conversion to INT32 is exact for integral values.
                double[] wide = Arrays.stream(ints()).asDoubleStream().toArray();
                try (Tensor t = Tensor.of(like.backend(), wide, dims)) {
                    yield t.to(DType.INT32);
                }
            }
        };
    }

    private Object require(DType wanted) {
        if (dtype != wanted) {
            throw new IllegalStateException("this host tensor holds " + dtype + " " + shape + ", not " + wanted);
        }
        return data;
    }

    /** Reads {@code entry}'s values from {@code source}, whose data section starts at {@code dataStart}. */
    static HostTensor read(ByteSource source, long dataStart, TensorEntry entry, String sourceName) throws IOException {
        long n = entry.size();
        if (n > MAX_ELEMENTS) {
            throw new InvalidFormatException(sourceName, "tensor '" + SafetensorsDType.abbreviate(entry.name())
                    + "' has " + n + " elements, more than a Java array holds (" + MAX_ELEMENTS + ")");
        }
        int count = (int) n;
        int width = entry.dtype().bytes();
        Object array = switch (entry.dtype()) {
            case F32 -> new float[count];
            case F64 -> new double[count];
            case I32, I64 -> new int[count];
        };
        int perChunk = CHUNK / width;
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min((long) count * width, CHUNK)).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < count; ) {
            int k = Math.min(perChunk, count - done);
            buffer.clear().limit(k * width);
            source.read(dataStart + entry.begin() + (long) done * width, buffer);
            buffer.flip();
            switch (entry.dtype()) {
                case F32 -> buffer.asFloatBuffer().get((float[]) array, done, k);
                case F64 -> buffer.asDoubleBuffer().get((double[]) array, done, k);
                case I32 -> buffer.asIntBuffer().get((int[]) array, done, k);
                case I64 -> narrow(buffer.asLongBuffer(), (int[]) array, done, k, entry, sourceName);
            }
            done += k;
        }
        return new HostTensor(entry.dtype().dtype(), entry.shape(), array, count);
    }

    /** Copies {@code k} 64-bit values into {@code out[at…]}, refusing any that does not fit 32 bits. */
    private static void narrow(LongBuffer in, int[] out, int at, int k, TensorEntry entry, String sourceName)
            throws InvalidFormatException {
        for (int i = 0; i < k; i++) {
            long v = in.get(i);
            if (v != (int) v) {
                throw new InvalidFormatException(sourceName, "tensor '" + SafetensorsDType.abbreviate(entry.name())
                        + "' (I64) holds " + v + " at element " + (at + i) + ", outside the 32-bit range Faltung's"
                        + " INT32 holds");
            }
            out[at + i] = (int) v;
        }
    }

    /** Writes the values little-endian, row-major. */
    void writeTo(OutputStream out) throws IOException {
        int count = shape.intSize();
        int width = dtype.bytes();
        int perChunk = CHUNK / width;
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min((long) count * width, CHUNK)).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < count; ) {
            int k = Math.min(perChunk, count - done);
            buffer.clear();
            switch (dtype) {
                case FLOAT32 -> buffer.asFloatBuffer().put((float[]) data, done, k);
                case FLOAT64 -> buffer.asDoubleBuffer().put((double[]) data, done, k);
                case INT32 -> buffer.asIntBuffer().put((int[]) data, done, k);
            }
            out.write(buffer.array(), 0, k * width);
            done += k;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HostTensor other) || dtype != other.dtype || !shape.equals(other.shape)) {
            return false;
        }
        return switch (dtype) {
            case FLOAT32 -> Arrays.equals(floats(), other.floats());
            case FLOAT64 -> Arrays.equals(doubles(), other.doubles());
            case INT32 -> Arrays.equals(ints(), other.ints());
        };
    }

    @Override
    public int hashCode() {
        int h = switch (dtype) {
            case FLOAT32 -> Arrays.hashCode(floats());
            case FLOAT64 -> Arrays.hashCode(doubles());
            case INT32 -> Arrays.hashCode(ints());
        };
        return Objects.hash(dtype, shape, h);
    }

    @Override
    public String toString() {
        return "HostTensor(" + dtype + " " + shape + ")";
    }
}
