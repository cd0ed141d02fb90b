package io.faltung.testkit;

import io.faltung.spi.Backend;
import io.faltung.spi.DType;
import io.faltung.spi.PrimitiveOp;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One parity case: an op, a name saying what is awkward about it, the dtype it is about, every
 * dtype it allocates, its tolerance, and a body that builds seeded inputs on a backend and calls
 * the op. {@link #run} gives the outputs as doubles, so the same case runs on the backend under
 * test and on the reference and the results are compared with {@link #tolerance()}.
 */
public record OpCase(PrimitiveOp op, String name, DType dtype, Set<DType> requires, Tolerance tolerance, Body body) {

    /** What a case does with a {@link CaseContext}: create inputs and outputs, call the op once. */
    @FunctionalInterface
    public interface Body {
        /** Runs the case on {@code context.backend()}. */
        void run(CaseContext context);
    }

    /** Validates and copies the dtype set, which must contain {@code dtype}. */
    public OpCase {
        requires = Set.copyOf(requires);
        if (!requires.contains(dtype)) {
            throw new IllegalArgumentException("case " + name + " is about " + dtype + " but requires only " + requires);
        }
    }

    /** A case that uses only {@code dtype}. */
    public static OpCase of(PrimitiveOp op, String name, DType dtype, Tolerance tolerance, Body body) {
        return new OpCase(op, name, dtype, Set.of(dtype), tolerance, body);
    }

    /** This case, additionally allocating {@code more} dtypes. */
    public OpCase requiring(DType... more) {
        EnumSet<DType> all = EnumSet.copyOf(requires);
        all.addAll(Set.of(more));
        return new OpCase(op, name, dtype, all, tolerance, body);
    }

    /** {@code OP · name · DTYPE}, unique within the catalogue. */
    public String id() {
        return op + " · " + name + " · " + dtype;
    }

    /** Seed of the input generator, a stable function of the id. */
    public long seed() {
        return id().hashCode() * 0x9E3779B97F4A7C15L;
    }

    /** Why {@code backend} cannot run this case, if it cannot. */
    public Optional<String> unsupportedBy(Backend backend) {
        return requires.stream().filter(d -> !backend.supports(d)).findFirst()
                .map(d -> backend.name() + " does not support " + d + ", needed by " + id());
    }

    /** Runs the case on {@code backend} and returns every output buffer, whole, by name. */
    public Map<String, double[]> run(Backend backend) {
        try (CaseContext context = new CaseContext(backend, this)) {
            body.run(context);
            return context.results();
        }
    }

    @Override
    public String toString() {
        return id();
    }
}
