package io.faltung.backend.cuda;

import io.faltung.spi.Availability;
import io.faltung.spi.Backend;
import io.faltung.spi.BackendProvider;

/**
 * Discovery entry of the CUDA backend ({@code cuda}, priority 100, so {@code auto} prefers it when
 * it works). This class touches no JCuda type in fields or initialisers: the JCuda classes load only
 * inside {@link #probe()}, which catches every {@link Throwable} and turns it into a reason (no driver,
 * no device, cuBLAS or cuDNN missing, kernels not built or not runnable). It reports usable only after
 * a tiny kernel ran on the device.
 */
public final class CudaBackendProvider implements BackendProvider {
    private Availability probed;

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public int priority() {
        return 100;
    }

    /** Probes once per provider instance (opening the device, running a kernel, closing it again). */
    @Override
    public synchronized Availability probe() {
        if (probed == null) {
            try {
                probed = CudaProbe.run(CudaOptions.fromSystemProperties());
            } catch (Throwable t) {
                probed = Availability.unusable(CudaProbe.reason(t));
            }
        }
        return probed;
    }

    @Override
    public Backend open() {
        return CudaBackend.open(CudaOptions.fromSystemProperties());
    }
}
