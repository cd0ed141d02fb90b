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

    // ---- convolution and pooling (NCHW, contiguous) ---------------------------------------------

    /** {@code y = conv(x, w)} (cross-correlation) for {@code x [N,C,H,W]}, {@code w [K,C/groups,R,S]}, {@code y [N,K,P,Q]}. */
    void convForward(ConvSpec spec, View x, View w, View y);

    /** {@code dx} (overwritten) = gradient of the convolution with respect to its input, given {@code dy}. */
    void convBackwardData(ConvSpec spec, View dy, View w, View dx);

    /** {@code dw} (overwritten) = gradient of the convolution with respect to its filters, given {@code x} and {@code dy}. */
    void convBackwardFilter(ConvSpec spec, View x, View dy, View dw);

    /** {@code y = pool(x)}, see {@link PoolSpec}. */
    void poolForward(PoolSpec spec, View x, View y);

    /** {@code dx} (overwritten) = gradient of pooling given {@code x}, its output {@code y} and {@code dy} (cuDNN's contract). */
    void poolBackward(PoolSpec spec, View x, View y, View dy, View dx);

    // ---- recurrent cells (row-major, contiguous) ---------------------------------------------------

    /**
     * LSTM cell. {@code gates [B,4H]} are the pre-activations {@code x·Wxᵀ + h·Whᵀ + b} in PyTorch's
     * order (input i, forget f, cell g, output o); {@code cPrev [B,H]}. Writes
     * {@code c = σ(f)·cPrev + σ(i)·tanh(g)}, {@code h = σ(o)·tanh(c)} and {@code saved [B,4H]}, the
     * activated gates (σ(i), σ(f), tanh(g), σ(o)) that backward needs.
     */
    void lstmCellForward(View gates, View cPrev, View h, View c, View saved);

    /**
     * Backward of {@link #lstmCellForward}: from the gradients {@code dh}, {@code dc} [B,H] flowing into
     * this step's h and c, writes {@code dGates [B,4H]} (pre-activation gradients) and
     * {@code dcPrev [B,H]}. The gradient into the previous h comes from {@code dGates·Wh} (a GEMM).
     */
    void lstmCellBackward(View dh, View dc, View saved, View cPrev, View c, View dGates, View dcPrev);

    /**
     * GRU cell (PyTorch's formulation). {@code xGates = x·Wxᵀ + bx} and {@code hGates = h·Whᵀ + bh},
     * each [B,3H] in order reset r, update z, new n. Writes
     * {@code r = σ(xr+hr)}, {@code z = σ(xz+hz)}, {@code n = tanh(xn + r·hn)},
     * {@code h = (1−z)·n + z·hPrev} and {@code saved [B,3H] = (r, z, n)}.
     */
    void gruCellForward(View xGates, View hGates, View hPrev, View h, View saved);

    /**
     * Backward of {@link #gruCellForward}: from {@code dh [B,H]} writes {@code dxGates}, {@code dhGates}
     * [B,3H] (pre-activation gradients of the two gate GEMMs) and {@code dhPrev [B,H]}, the direct
     * part {@code dh·z} (the GEMM part {@code dhGates·Wh} is added by the caller).
     */
    void gruCellBackward(View dh, View saved, View hPrev, View hGates, View dxGates, View dhGates, View dhPrev);

    /** Waits until all submitted work is done (a no-op on synchronous backends). */
    default void synchronize() {
    }

    /** Releases the backend's own resources. Buffers must be closed before. */
    @Override
    void close();
}
