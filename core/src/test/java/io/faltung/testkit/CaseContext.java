package io.faltung.testkit;

import io.faltung.spi.Backend;
import io.faltung.spi.Buffer;
import io.faltung.spi.DType;
import io.faltung.spi.View;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One run of an {@link OpCase} on one backend: creates seeded inputs and prefilled outputs on that
 * backend, and afterwards downloads every output buffer whole (gaps of strided outputs included, so
 * a kernel that writes outside its view is caught) and closes everything it allocated.
 *
 * <p>The same case and seed give bit-identical host data on every backend, because values are
 * drawn in the order the case body asks for them.
 */
public final class CaseContext implements AutoCloseable {
    private final Backend backend;
    private final Set<DType> declared;
    private final String caseId;
    private final SplittableRandom random;
    private final List<Buffer> buffers = new ArrayList<>();
    private final Map<String, Buffer> outputs = new LinkedHashMap<>();

    CaseContext(Backend backend, OpCase opCase) {
        this.backend = backend;
        this.declared = opCase.requires();
        this.caseId = opCase.id();
        this.random = new SplittableRandom(opCase.seed());
    }

    /** The backend under test (or the reference). */
    public Backend backend() {
        return backend;
    }

    /** A new input of {@code shape} laid out as {@code layout}, every buffer element drawn from {@code domain}. */
    public View input(DType dtype, Domain domain, Layout layout, int... shape) {
        return place(dtype, domain, layout, shape);
    }

    /**
     * A new output named {@code name}, its whole buffer prefilled from {@code prefill} (the old
     * contents that, for example, {@code gemm} with {@code beta ≠ 0} reads).
     */
    public View output(String name, DType dtype, Domain prefill, Layout layout, int... shape) {
        if (layout.broadcastMask() != 0) {
            throw new IllegalArgumentException(caseId + ": output " + name + " cannot use broadcast layout " + layout);
        }
        View view = place(dtype, prefill, layout, shape);
        if (outputs.putIfAbsent(name, view.buffer()) != null) {
            throw new IllegalArgumentException(caseId + ": two outputs named " + name);
        }
        return view;
    }

    /** A new output prefilled with values that are never a result ({@link Domain#SENTINEL} or {@link Domain#STANDARD}). */
    public View output(String name, DType dtype, Layout layout, int... shape) {
        return output(name, dtype, dtype == DType.INT32 ? Domain.SENTINEL : Domain.STANDARD, layout, shape);
    }

    /** Every output buffer, whole, as doubles, by name in creation order. */
    Map<String, double[]> results() {
        Map<String, double[]> results = new LinkedHashMap<>();
        backend.synchronize();
        outputs.forEach((name, buffer) -> results.put(name, DeviceArrays.download(backend, buffer)));
        return results;
    }

    private View place(DType dtype, Domain domain, Layout layout, int[] shape) {
        if (!declared.contains(dtype)) {
            throw new IllegalStateException(caseId + " allocates " + dtype + " but declares only " + declared);
        }
        Layout.Geometry geometry = layout.geometry(shape);
        double[] host = new double[geometry.size()];
        for (int i = 0; i < host.length; i++) {
            host[i] = domain.sample(random);
        }
        Buffer buffer = DeviceArrays.upload(backend, dtype, host);
        buffers.add(buffer);
        return new View(buffer, shape.clone(), geometry.strides(), geometry.offset());
    }

    /** Closes every buffer this run allocated. */
    @Override
    public void close() {
        buffers.forEach(Buffer::close);
        buffers.clear();
    }
}
