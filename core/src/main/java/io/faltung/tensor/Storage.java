package io.faltung.tensor;

import io.faltung.spi.Backend;
import io.faltung.spi.Buffer;

/** A backend buffer shared by a tensor and its views; released when the last of them is closed. */
final class Storage {
    final Backend backend;
    final Buffer buffer;
    private int references;

    Storage(Backend backend, Buffer buffer) {
        this.backend = backend;
        this.buffer = buffer;
    }

    void retain() {
        references++;
    }

    void release() {
        if (--references == 0) {
            buffer.close();
        }
    }
}
