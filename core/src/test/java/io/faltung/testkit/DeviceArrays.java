package io.faltung.testkit;

import io.faltung.spi.Backend;
import io.faltung.spi.Buffer;
import io.faltung.spi.DType;
import io.faltung.spi.View;
import io.faltung.testkit.reference.Elements;

/**
 * Moves values between double[] on the host and buffers of any dtype on any backend, through the
 * backend's own {@code upload}/{@code download}: the only way the testkit touches device memory.
 */
public final class DeviceArrays {
    private DeviceArrays() {
    }

    /** A new buffer of {@code dtype} holding {@code values} (rounded to the dtype). */
    public static Buffer upload(Backend backend, DType dtype, double[] values) {
        Buffer buffer = backend.allocate(dtype, values.length);
        try {
            switch (dtype) {
                case FLOAT32 -> {
                    float[] host = new float[values.length];
                    for (int i = 0; i < host.length; i++) {
                        host[i] = (float) values[i];
                    }
                    backend.upload(host, 0, buffer, 0, host.length);
                }
                case FLOAT64 -> backend.upload(values.clone(), 0, buffer, 0, values.length);
                case INT32 -> {
                    int[] host = new int[values.length];
                    for (int i = 0; i < host.length; i++) {
                        host[i] = (int) values[i];
                    }
                    backend.upload(host, 0, buffer, 0, host.length);
                }
            }
        } catch (RuntimeException e) {
            buffer.close();
            throw e;
        }
        return buffer;
    }

    /** The whole buffer as doubles. */
    public static double[] download(Backend backend, Buffer buffer) {
        int n = Math.toIntExact(buffer.size());
        double[] out = new double[n];
        switch (buffer.dtype()) {
            case FLOAT32 -> {
                float[] host = new float[n];
                backend.download(buffer, 0, host, 0, n);
                for (int i = 0; i < n; i++) {
                    out[i] = host[i];
                }
            }
            case FLOAT64 -> backend.download(buffer, 0, out, 0, n);
            case INT32 -> {
                int[] host = new int[n];
                backend.download(buffer, 0, host, 0, n);
                for (int i = 0; i < n; i++) {
                    out[i] = host[i];
                }
            }
        }
        return out;
    }

    /** The elements of {@code view} in row-major logical order, read from a download of its buffer. */
    public static double[] download(Backend backend, View view) {
        double[] all = download(backend, view.buffer());
        long[] offsets = Elements.offsets(view);
        double[] out = new double[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            out[i] = all[Math.toIntExact(offsets[i])];
        }
        return out;
    }
}
