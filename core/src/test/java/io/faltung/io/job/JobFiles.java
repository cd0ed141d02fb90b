package io.faltung.io.job;

/** Job files for the tests. */
final class JobFiles {
    private JobFiles() {
    }

    /** A small blobs classifier with dropout, Adam, a warmed-up cosine schedule and checkpoints every 3 steps. */
    static String small(int epochs) {
        return """
                {
                  "name": "blobs-test",
                  "seed": 9,
                  "data": {"name": "blobs", "samples": 40, "features": 2, "classes": 3, "noise": 0.6,
                           "validation": 12, "seed": 4},
                  "model": {"layers": [{"type": "dense", "units": 8, "activation": "relu"},
                                       {"type": "dropout", "rate": 0.25},
                                       {"type": "dense", "units": 3}]},
                  "loss": "softmax_cross_entropy",
                  "optimizer": {"name": "adam", "learning_rate": 0.05},
                  "schedule": {"name": "cosine", "length": 12, "minimum": 0.1, "warmup": 2, "interval": "step"},
                  "epochs": %d,
                  "batch_size": 8,
                  "checkpoint": {"every_steps": 3, "keep_last": 2}
                }
                """.formatted(epochs);
    }

    /**
     * {@code layers} (the JSON array's content) on blobs with samples shaped {@code shape} (a JSON
     * array), 3 classes, Adam, checkpoints every 2 steps.
     */
    static String withLayers(String shape, String layers, int epochs) {
        return """
                {
                  "name": "layers-test",
                  "seed": 5,
                  "data": {"name": "blobs", "samples": 24, "shape": %s, "classes": 3, "noise": 0.6,
                           "validation": 6, "seed": 2},
                  "model": {"layers": [%s]},
                  "loss": "softmax_cross_entropy",
                  "optimizer": {"name": "adam", "learning_rate": 0.02},
                  "epochs": %d,
                  "batch_size": 8,
                  "checkpoint": {"every_steps": 2, "keep_last": 2}
                }
                """.formatted(shape, layers, epochs);
    }
}
