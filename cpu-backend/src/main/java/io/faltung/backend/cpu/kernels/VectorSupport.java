package io.faltung.backend.cpu.kernels;

/**
 * Decides once whether the Vector-API kernels ({@link SgemmVectorKernel}, {@link FloatLanes}) run:
 * the {@code jdk.incubator.vector} module must be in the boot layer, the CPU must have 256-bit
 * float vectors, and {@value #PROPERTY} must not be {@code false}. This class imports nothing from
 * the module, so without it the Vector-API classes are never loaded and the scalar loops run.
 */
public final class VectorSupport {
    /** System property that disables the Vector-API kernels when {@code false}. */
    public static final String PROPERTY = "faltung.cpu.vector";

    static final boolean ENABLED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equalsIgnoreCase(System.getProperty(PROPERTY))
            && SgemmVectorKernel.fitsThisCpu();

    private VectorSupport() {
    }

    /**
     * Whether rows run on the Vector-API lanes ({@link FloatLanes}, {@link PoolLanes}) now: they are
     * enabled, and compiled ({@link VectorWarmup}); until then the scalar loops, which give the same
     * results, run instead.
     */
    static boolean lanes() {
        return ENABLED && VectorWarmup.lanes();
    }

    /** Whether the Vector-API kernels are in use. */
    public static boolean enabled() {
        return ENABLED;
    }
}
