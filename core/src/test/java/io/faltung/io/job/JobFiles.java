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
}
