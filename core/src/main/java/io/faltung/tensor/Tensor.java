package io.faltung.tensor;

import io.faltung.autograd.Autograd;
import io.faltung.autograd.GradFn;
import io.faltung.ops.Elementwise;
import io.faltung.ops.MatMul;
import io.faltung.ops.Movement;
import io.faltung.ops.Reductions;
import io.faltung.runtime.Backends;
import io.faltung.spi.Backend;
import io.faltung.spi.BinaryOp;
import io.faltung.spi.Buffer;
import io.faltung.spi.DType;
import io.faltung.spi.UnaryOp;
import io.faltung.spi.View;

/**
 * An n-dimensional array on a backend, with reverse-mode autograd.
 *
 * <p>A tensor is a strided view of a shared, reference-counted buffer: reshape, permute, slice,
 * expand and flip make new views without copying. Tensors are {@link AutoCloseable}; a
 * {@link Scope} closes every tensor created while it is open. Operations record themselves for
 * {@link #backward()} when an input {@link #requiresGrad()}, unless inside
 * {@link io.faltung.autograd.NoGrad}.
 *
 * <p>Binary operations broadcast like NumPy. Operands must share backend and dtype.
 */
public final class Tensor implements AutoCloseable {
    private final Storage storage;
    private final Shape shape;
    private final int[] strides;
    private final long offset;
    private boolean requiresGrad;
    private GradFn gradFn;
    private Tensor grad;
    private boolean closed;
    Scope owner;

    private Tensor(Storage storage, Shape shape, int[] strides, long offset) {
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        storage.retain();
        Scope.adopt(this);
    }

    // ---- creation -------------------------------------------------------------------------------

    /** An uninitialised tensor on {@code backend}. */
    public static Tensor empty(Backend backend, DType dtype, Shape shape) {
        if (!backend.supports(dtype)) {
            throw new IllegalArgumentException("backend " + backend.name() + " does not support " + dtype);
        }
        Buffer buffer = backend.allocate(dtype, Math.max(1, shape.size()));
        return new Tensor(new Storage(backend, buffer), shape, View.rowMajorStrides(shape.toArray()), 0);
    }

    /** An uninitialised FLOAT32 tensor on the current backend. */
    public static Tensor empty(Shape shape) {
        return empty(Backends.current(), DType.FLOAT32, shape);
    }

    /** A tensor of {@code value} on {@code backend}. */
    public static Tensor full(Backend backend, DType dtype, Shape shape, double value) {
        Tensor t = empty(backend, dtype, shape);
        backend.fill(t.view(), value);
        return t;
    }

    /** FLOAT32 zeros on the current backend. */
    public static Tensor zeros(int... shape) {
        return full(Backends.current(), DType.FLOAT32, Shape.of(shape), 0);
    }

    /** Zeros of the given dtype and shape on the current backend. */
    public static Tensor zeros(DType dtype, Shape shape) {
        return full(Backends.current(), dtype, shape, 0);
    }

    /** FLOAT32 ones on the current backend. */
    public static Tensor ones(int... shape) {
        return full(Backends.current(), DType.FLOAT32, Shape.of(shape), 1);
    }

    /** A tensor of zeros with this tensor's backend, dtype and shape. */
    public Tensor zerosLike() {
        return full(backend(), dtype(), shape, 0);
    }

    /** A tensor of {@code value} with this tensor's backend and dtype and the given shape. */
    public Tensor fullLike(Shape shape, double value) {
        return full(backend(), dtype(), shape, value);
    }

    /** A FLOAT32 tensor holding {@code data} (row-major) on the current backend. */
    public static Tensor of(float[] data, int... shape) {
        return of(Backends.current(), data, shape);
    }

    /** A FLOAT32 tensor holding {@code data} (row-major) on {@code backend}. */
    public static Tensor of(Backend backend, float[] data, int... shape) {
        Tensor t = empty(backend, DType.FLOAT32, checkedShape(data.length, shape));
        backend.upload(data, 0, t.storage.buffer, 0, data.length);
        return t;
    }

    /** A FLOAT64 tensor holding {@code data} (row-major) on the current backend. */
    public static Tensor of(double[] data, int... shape) {
        return of(Backends.current(), data, shape);
    }

    /** A FLOAT64 tensor holding {@code data} (row-major) on {@code backend}. */
    public static Tensor of(Backend backend, double[] data, int... shape) {
        Tensor t = empty(backend, DType.FLOAT64, checkedShape(data.length, shape));
        backend.upload(data, 0, t.storage.buffer, 0, data.length);
        return t;
    }

    /** An INT32 tensor holding {@code data} (row-major) on the current backend. */
    public static Tensor ofInts(int[] data, int... shape) {
        Backend backend = Backends.current();
        Tensor t = empty(backend, DType.INT32, checkedShape(data.length, shape));
        backend.upload(data, 0, t.storage.buffer, 0, data.length);
        return t;
    }

    /** A FLOAT32 scalar (rank 0) on the current backend. */
    public static Tensor scalar(double value) {
        return full(Backends.current(), DType.FLOAT32, Shape.scalar(), value);
    }

    private static Shape checkedShape(int length, int[] dims) {
        Shape s = Shape.of(dims);
        if (s.size() != length) {
            throw new IllegalArgumentException(length + " values do not fill shape " + s + " (" + s.size() + " elements)");
        }
        return s;
    }

    /** A view of this tensor's storage with other extents, strides and offset; bounds are checked. */
    public Tensor asStrided(Shape shape, int[] strides, long offset) {
        checkOpen();
        new View(storage.buffer, shape.toArray(), strides, offset);
        return new Tensor(storage, shape, strides.clone(), offset);
    }

    // ---- properties -----------------------------------------------------------------------------

    /** Extents. */
    public Shape shape() {
        return shape;
    }

    /** Number of axes. */
    public int rank() {
        return shape.rank();
    }

    /** Number of elements. */
    public long size() {
        return shape.size();
    }

    /** Element type. */
    public DType dtype() {
        return storage.buffer.dtype();
    }

    /** The backend holding this tensor's memory. */
    public Backend backend() {
        return storage.backend;
    }

    /** Strides in elements, one per axis. */
    public int[] strides() {
        return strides.clone();
    }

    /** Offset of element 0 in the buffer, in elements. */
    public long offset() {
        return offset;
    }

    /** The SPI view of this tensor, for operation implementations ({@code io.faltung.ops}). */
    public View view() {
        checkOpen();
        return new View(storage.buffer, shape.toArray(), strides, offset);
    }

    /** Whether the elements are dense and row-major. */
    public boolean isContiguous() {
        int expected = 1;
        for (int k = shape.rank() - 1; k >= 0; k--) {
            if (shape.dim(k) != 1 && strides[k] != expected) {
                return false;
            }
            expected *= shape.dim(k);
        }
        return true;
    }

    /** Whether this tensor and {@code other} share memory. */
    public boolean sharesStorageWith(Tensor other) {
        return storage == other.storage;
    }

    // ---- host transfer --------------------------------------------------------------------------

    /** The elements in row-major order as floats (converting if necessary). */
    public float[] toFloatArray() {
        Tensor c = dense(DType.FLOAT32);
        float[] out = new float[shape.intSize()];
        backend().download(c.storage.buffer, c.offset, out, 0, out.length);
        if (c != this) {
            c.close();
        }
        return out;
    }

    /** The elements in row-major order as doubles (converting if necessary). */
    public double[] toDoubleArray() {
        Tensor c = dense(DType.FLOAT64);
        double[] out = new double[shape.intSize()];
        backend().download(c.storage.buffer, c.offset, out, 0, out.length);
        if (c != this) {
            c.close();
        }
        return out;
    }

    /** The elements in row-major order as ints (converting if necessary). */
    public int[] toIntArray() {
        Tensor c = dense(DType.INT32);
        int[] out = new int[shape.intSize()];
        backend().download(c.storage.buffer, c.offset, out, 0, out.length);
        if (c != this) {
            c.close();
        }
        return out;
    }

    /** The value of a one-element tensor. */
    public double item() {
        if (size() != 1) {
            throw new IllegalStateException("item() needs a one-element tensor, not " + shape);
        }
        return toDoubleArray()[0];
    }

    private Tensor dense(DType dtype) {
        checkOpen();
        if (dtype == dtype() && isContiguous()) {
            return this;
        }
        if (!backend().supports(dtype)) {
            dtype = dtype();
        }
        DType target = dtype;
        return Scope.unscoped(() -> Movement.convert(this, target));
    }

    // ---- autograd -------------------------------------------------------------------------------

    /** Whether gradients flow to this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks this leaf tensor as a parameter whose gradient is wanted; returns {@code this}. */
    public Tensor requiresGrad(boolean value) {
        if (gradFn != null && !value) {
            throw new IllegalStateException("cannot turn off requiresGrad on a computed tensor; use detach()");
        }
        if (value && !dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("only floating-point tensors can require grad, not " + dtype());
        }
        this.requiresGrad = value;
        return this;
    }

    /** The recorded operation that produced this tensor, or {@code null} for a leaf. */
    public GradFn gradFn() {
        return gradFn;
    }

    /** Used by {@link Autograd#record}: makes this tensor the output of a recorded operation. */
    public void attach(GradFn fn) {
        this.gradFn = fn;
        this.requiresGrad = true;
    }

    /** The accumulated gradient of this leaf, or {@code null} before any backward pass. */
    public Tensor grad() {
        return grad;
    }

    /** Adds {@code g} to this leaf's gradient, allocating it (outside any scope) on first use. */
    public void accumulateGrad(Tensor g) {
        if (grad == null) {
            grad = Scope.unscoped(this::zerosLike);
        }
        backend().binary(BinaryOp.ADD, grad.view(), g.view(), grad.view());
    }

    /** Resets the accumulated gradient to zero. */
    public void zeroGrad() {
        if (grad != null) {
            backend().fill(grad.view(), 0);
        }
    }

    /** Backpropagates from this scalar (e.g. a loss) into every tensor that requires grad. */
    public void backward() {
        if (size() != 1) {
            throw new IllegalStateException("backward() without a seed needs a one-element tensor, not " + shape
                    + "; reduce it (sum, mean) first or pass a seed gradient");
        }
        Autograd.backward(this, fullLike(shape, 1.0));
    }

    /** Backpropagates from this tensor with the given seed gradient. */
    public void backward(Tensor seed) {
        Autograd.backward(this, seed);
    }

    /** The same values, cut from the graph (shares memory). */
    public Tensor detach() {
        return new Tensor(storage, shape, strides, offset);
    }

    // ---- in-place updates (never recorded) --------------------------------------------------------

    /** Copies {@code src} (broadcast to this shape) into this tensor. Not recorded for autograd. */
    public Tensor assign(Tensor src) {
        backend().copy(src.broadcastView(shape), view());
        return this;
    }

    /** Sets every element to {@code value}. Not recorded for autograd. */
    public Tensor fill(double value) {
        backend().fill(view(), value);
        return this;
    }

    /**
     * {@code this ← op(this, o)} elementwise, {@code o} broadcast to this shape, without a new tensor
     * (optimiser updates). Not recorded for autograd. Returns {@code this}.
     */
    public Tensor applyInPlace(BinaryOp op, Tensor o) {
        return Elementwise.binaryInPlace(op, this, o);
    }

    /** {@code this ← op(this, c)} elementwise, without a new tensor. Not recorded for autograd. Returns {@code this}. */
    public Tensor applyInPlace(BinaryOp op, double c) {
        return Elementwise.binaryInPlace(op, this, c);
    }

    /** An SPI view of this tensor broadcast to {@code target} with 0-strides, for operations. */
    public View broadcastView(Shape target) {
        checkOpen();
        int rank = target.rank();
        if (rank < shape.rank()) {
            throw new IllegalArgumentException("cannot broadcast " + shape + " to " + target);
        }
        int[] s = new int[rank];
        for (int k = 0; k < rank; k++) {
            int src = k - (rank - shape.rank());
            if (src < 0) {
                continue;
            }
            if (shape.dim(src) == target.dim(k)) {
                s[k] = strides[src];
            } else if (shape.dim(src) != 1) {
                throw new IllegalArgumentException("cannot broadcast " + shape + " to " + target);
            }
        }
        return new View(storage.buffer, target.toArray(), s, offset);
    }

    // ---- memory ---------------------------------------------------------------------------------

    /** Releases this tensor's reference to its memory, and its accumulated gradient. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            storage.release();
            if (grad != null) {
                grad.close();
            }
        }
    }

    /** Whether {@link #close()} was called (by the user or a {@link Scope}). */
    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("tensor " + shape + " was already closed (by its Scope or close());"
                    + " keep it with Scope.keep() or create it in Scope.unscoped() to use it later");
        }
    }

    // ---- arithmetic (see io.faltung.ops.Elementwise) ----------------------------------------------

    public Tensor add(Tensor o) { return Elementwise.binary(BinaryOp.ADD, this, o); }
    public Tensor sub(Tensor o) { return Elementwise.binary(BinaryOp.SUB, this, o); }
    public Tensor mul(Tensor o) { return Elementwise.binary(BinaryOp.MUL, this, o); }
    public Tensor div(Tensor o) { return Elementwise.binary(BinaryOp.DIV, this, o); }
    public Tensor pow(Tensor o) { return Elementwise.binary(BinaryOp.POW, this, o); }
    public Tensor maximum(Tensor o) { return Elementwise.binary(BinaryOp.MAX, this, o); }
    public Tensor minimum(Tensor o) { return Elementwise.binary(BinaryOp.MIN, this, o); }
    public Tensor gt(Tensor o) { return Elementwise.binary(BinaryOp.GT, this, o); }
    public Tensor ge(Tensor o) { return Elementwise.binary(BinaryOp.GE, this, o); }
    public Tensor eq(Tensor o) { return Elementwise.binary(BinaryOp.EQ, this, o); }

    public Tensor add(double c) { return Elementwise.binaryScalar(BinaryOp.ADD, this, c); }
    public Tensor sub(double c) { return Elementwise.binaryScalar(BinaryOp.SUB, this, c); }
    public Tensor mul(double c) { return Elementwise.binaryScalar(BinaryOp.MUL, this, c); }
    public Tensor div(double c) { return Elementwise.binaryScalar(BinaryOp.DIV, this, c); }
    public Tensor pow(double c) { return Elementwise.binaryScalar(BinaryOp.POW, this, c); }
    public Tensor maximum(double c) { return Elementwise.binaryScalar(BinaryOp.MAX, this, c); }
    public Tensor minimum(double c) { return Elementwise.binaryScalar(BinaryOp.MIN, this, c); }
    public Tensor gt(double c) { return Elementwise.binaryScalar(BinaryOp.GT, this, c); }
    public Tensor ge(double c) { return Elementwise.binaryScalar(BinaryOp.GE, this, c); }
    public Tensor eq(double c) { return Elementwise.binaryScalar(BinaryOp.EQ, this, c); }
    /** {@code c - this}. */
    public Tensor rsub(double c) { return Elementwise.scalarBinary(BinaryOp.SUB, c, this); }
    /** {@code c / this}. */
    public Tensor rdiv(double c) { return Elementwise.scalarBinary(BinaryOp.DIV, c, this); }

    public Tensor neg() { return Elementwise.unary(UnaryOp.NEG, this); }
    public Tensor abs() { return Elementwise.unary(UnaryOp.ABS, this); }
    public Tensor sign() { return Elementwise.unary(UnaryOp.SIGN, this); }
    public Tensor exp() { return Elementwise.unary(UnaryOp.EXP, this); }
    public Tensor log() { return Elementwise.unary(UnaryOp.LOG, this); }
    public Tensor sqrt() { return Elementwise.unary(UnaryOp.SQRT, this); }
    public Tensor reciprocal() { return Elementwise.unary(UnaryOp.RECIPROCAL, this); }
    public Tensor tanh() { return Elementwise.unary(UnaryOp.TANH, this); }
    public Tensor sigmoid() { return Elementwise.unary(UnaryOp.SIGMOID, this); }
    public Tensor relu() { return Elementwise.unary(UnaryOp.RELU, this); }
    public Tensor sin() { return Elementwise.unary(UnaryOp.SIN, this); }
    public Tensor cos() { return Elementwise.unary(UnaryOp.COS, this); }
    /** Elementwise square. */
    public Tensor square() { return mul(this); }

    /** {@code cond != 0 ? a : b}, broadcasting all three. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) { return Elementwise.where(cond, a, b); }

    // ---- reductions (see io.faltung.ops.Reductions) -----------------------------------------------

    /** Sum of all elements (a scalar). */
    public Tensor sum() { return Reductions.sum(this, Reductions.allAxes(rank()), false); }
    /** Sum over {@code axes}, dropping them unless {@code keepDims}. */
    public Tensor sum(int[] axes, boolean keepDims) { return Reductions.sum(this, axes, keepDims); }
    /** Sum over one axis, dropping it. */
    public Tensor sum(int axis) { return Reductions.sum(this, new int[] {axis}, false); }
    /** Mean of all elements (a scalar). */
    public Tensor mean() { return Reductions.mean(this, Reductions.allAxes(rank()), false); }
    /** Mean over {@code axes}. */
    public Tensor mean(int[] axes, boolean keepDims) { return Reductions.mean(this, axes, keepDims); }
    /** Maximum over {@code axes}; the gradient is shared among ties. */
    public Tensor max(int[] axes, boolean keepDims) { return Reductions.max(this, axes, keepDims); }
    /** Minimum over {@code axes}. */
    public Tensor min(int[] axes, boolean keepDims) { return Reductions.min(this, axes, keepDims); }
    /** Index of the maximum along {@code axis} (INT32, axis dropped, not differentiable). */
    public Tensor argMax(int axis) { return Reductions.argMax(this, axis); }

    // ---- movement (see io.faltung.ops.Movement) ---------------------------------------------------

    /** The same elements with another shape; one extent may be -1. Copies only when not contiguous. */
    public Tensor reshape(int... dims) { return Movement.reshape(this, dims); }
    /** Axes reordered: output axis k is input axis {@code order[k]}. A view. */
    public Tensor permute(int... order) { return Movement.permute(this, order); }
    /** The last two axes swapped. A view. */
    public Tensor transpose() { return Movement.transpose(this, rank() - 2, rank() - 1); }
    /** Two axes swapped. A view. */
    public Tensor transpose(int a, int b) { return Movement.transpose(this, a, b); }
    /** Elements {@code start, start+step, …} below {@code end} along {@code axis}. A view. */
    public Tensor slice(int axis, int start, int end, int step) { return Movement.slice(this, axis, start, end, step); }
    /** Elements {@code [start, end)} along {@code axis}. A view. */
    public Tensor slice(int axis, int start, int end) { return Movement.slice(this, axis, start, end, 1); }
    /** The slices at every index of {@code axis}, as views without that axis (e.g. the steps of a sequence). */
    public Tensor[] unbind(int axis) { return Movement.unbind(this, axis); }
    /** Broadcast to {@code target} with 0-strides. A view. */
    public Tensor expand(Shape target) { return Movement.expand(this, target); }
    /** Reversed along {@code axes} with negative strides. A view. */
    public Tensor flip(int... axes) { return Movement.flip(this, axes); }
    /** A dense row-major tensor with the same values ({@code this} if already one). */
    public Tensor contiguous() { return Movement.contiguous(this); }
    /** Zero padding: {@code before[k]} and {@code after[k]} zeros on each axis k. */
    public Tensor pad(int[] before, int[] after) { return Movement.pad(this, before, after); }
    /** The values converted to {@code dtype} (differentiable between floating types). */
    public Tensor to(DType dtype) { return dtype == dtype() ? this : Movement.convert(this, dtype); }
    /** Joins tensors along {@code axis}. */
    public static Tensor concat(int axis, Tensor... parts) { return Movement.concat(axis, parts); }

    // ---- linear algebra ---------------------------------------------------------------------------

    /** Matrix product of the last two axes, batched over a leading axis (see {@link MatMul}). */
    public Tensor matmul(Tensor other) { return MatMul.matmul(this, other); }

    @Override
    public String toString() {
        return "Tensor" + shape + " " + dtype() + " on " + backend().name() + (requiresGrad ? " (requires grad)" : "")
                + (closed ? " (closed)" : "");
    }
}
