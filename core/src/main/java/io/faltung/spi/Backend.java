package io.faltung.spi;

/**
 * The service-provider interface every compute backend implements: a small, closed set of tensor
 * primitives (see {@link PrimitiveOp}). Everything else in Faltung — autograd, layers, losses,
 * optimisers, signal processing — is composed from these.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Compute methods write into a caller-allocated output view; a backend never allocates
 *       memory the caller does not know about (scratch space it manages itself excepted).</li>
 *   <li>Elementwise inputs already have the output's shape: broadcasting is expressed with
 *       0-strides, flipping with negative strides. Inputs and output of elementwise methods may
 *       be any strided views; an output may alias an input only if it is the identical view.</li>
 *   <li>Arguments are validated by the caller ({@code io.faltung.ops}), which reports errors in
 *       terms of layers and shapes; backends still reject inconsistent views with an
 *       {@link IllegalArgumentException} rather than crash.</li>
 *   <li>Operations are ordered: a later call sees the results of earlier ones.
 *       {@link #download} waits for pending work.</li>
 * </ul>
 */
public interface Backend extends AutoCloseable {

    /** Short name, as in the backend policy ({@code cpu}, {@code cuda}). */
    String name();

    /** One line describing the device for logs, e.g. {@code "cpu (2 threads)"}. */
    String description();

    /** Whether tensors of this dtype can live on this backend. */
    boolean supports(DType dtype);

    // ---- memory -------------------------------------------------------------------------------

    /** Allocates {@code count} elements; contents are unspecified. */
    Buffer allocate(DType dtype, long count);

    /** Copies {@code count} floats from {@code src[srcOffset…]} to {@code dst[dstOffset…]}. */
    void upload(float[] src, int srcOffset, Buffer dst, long dstOffset, int count);

    /** Copies {@code count} doubles from host to a FLOAT64 buffer. */
    void upload(double[] src, int srcOffset, Buffer dst, long dstOffset, int count);

    /** Copies {@code count} ints from host to an INT32 buffer. */
    void upload(int[] src, int srcOffset, Buffer dst, long dstOffset, int count);

    /** Copies {@code count} elements of a FLOAT32 buffer to the host. */
    void download(Buffer src, long srcOffset, float[] dst, int dstOffset, int count);

    /** Copies {@code count} elements of a FLOAT64 buffer to the host. */
    void download(Buffer src, long srcOffset, double[] dst, int dstOffset, int count);

    /** Copies {@code count} elements of an INT32 buffer to the host. */
    void download(Buffer src, long srcOffset, int[] dst, int dstOffset, int count);

    /**
     * Strided copy between same-shaped views, converting the element type if the dtypes differ
     * (floating point to INT32 truncates toward zero, as a Java or C cast does).
     */
    void copy(View src, View dst);

    /** Sets every element of {@code dst} to {@code value} (converted to its dtype). */
    void fill(View dst, double value);

    /** Live buffers and bytes, for leak tests and out-of-memory messages. */
    MemoryStats memoryStats();

    // ---- compute ------------------------------------------------------------------------------

    /** {@code out = op(x)} elementwise; same shape and dtype. */
    void unary(UnaryOp op, View x, View out);

    /** {@code out = op(a, b)} elementwise; views have the output's shape and dtype. */
    void binary(BinaryOp op, Operand a, Operand b, View out);

    /** {@code out = cond != 0 ? a : b} elementwise; {@code cond} may have any dtype. */
    void where(View cond, Operand a, Operand b, View out);

    /**
     * Reduces {@code x} over {@code axes} (sorted, distinct) into {@code out}, whose shape is that
     * of {@code x} with each reduced axis of extent 1.
     */
    void reduce(ReduceOp op, View x, int[] axes, View out);

    /**
     * Index of the largest element along {@code axis} (the first on ties) into an INT32 view of the
     * shape of {@code x} with that axis of extent 1. NaN counts as larger than any number.
     */
    void argMax(View x, int axis, View out);

    /** Batched matrix product, see {@link GemmSpec}. {@code c} must not overlap {@code a} or {@code b}. */
    void gemm(GemmSpec spec, View a, View b, View c);

    /** Fills {@code out} from the counter-based stream described in {@link RandomSpec}. */
    void random(RandomSpec spec, long seed, long offset, View out);

    /** Waits until all submitted work is done (a no-op on synchronous backends). */
    default void synchronize() {
    }

    /** Releases the backend's own resources. Buffers must be closed before. */
    @Override
    void close();
}
