package io.faltung.data;

import io.faltung.tensor.Tensor;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Cuts a {@link Dataset} into batches of FLOAT32 tensors on the current backend.
 *
 * <p>With shuffling, the order of epoch {@code e} is a permutation drawn on the host from
 * {@code (seed, e)} alone, so it is the same on every run and machine, and training can resume at
 * any (epoch, batch) by asking for {@link #batch(int, int)} directly. The last batch of an epoch
 * holds the remaining samples when the batch size does not divide the dataset.
 *
 * <pre>{@code
 * var loader = new DataLoader(train, 64, true, 42);
 * for (int b = 0; b < loader.batchCount(); b++) {
 *     try (Scope step = Scope.open()) {
 *         Batch batch = loader.batch(epoch, b);   // released with the scope
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class DataLoader {
    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private int cachedEpoch = -1;
    private int[] cachedOrder;
    /** Host staging rows of a full batch, reused: each batch's tensors are copies of them. */
    private float[] stagedFeatures;
    private float[] stagedTargets;

    /**
     * Batches of {@code batchSize} on the current backend (as {@link io.faltung.runtime.Backends#current()}
     * is when each batch is loaded), shuffled per epoch from {@code seed} if {@code shuffle}.
     */
    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, not " + batchSize);
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    /** The dataset. */
    public Dataset dataset() {
        return dataset;
    }

    /** The number of batches per epoch (the last one may be partial). */
    public int batchCount() {
        return (dataset.size() + batchSize - 1) / batchSize;
    }

    /** The sample order of {@code epoch}: a seeded permutation, or {@code 0, 1, …} without shuffling. */
    public int[] order(int epoch) {
        return cachedOrder(epoch).clone();
    }

    /** The order of {@code epoch}, drawn once per epoch and shared (not to be modified). */
    private int[] cachedOrder(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be ≥ 0, not " + epoch);
        }
        if (epoch != cachedEpoch) {
            cachedOrder = permutation(epoch);
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }

    private int[] permutation(int epoch) {
        int n = dataset.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom random = new SplittableRandom(seed ^ Long.rotateLeft(0xBF58476D1CE4E5B9L * (epoch + 1), 29));
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /**
     * Batch {@code index} of {@code epoch}, as tensors in the current scope. The samples are gathered
     * into host rows kept by this loader (a full batch reuses them), so a training step allocates no
     * host arrays here; a loader is not meant to be shared between threads.
     */
    public Batch batch(int epoch, int index) {
        int count = batchCount();
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("batch " + index + " of " + count + " (" + dataset.size()
                    + " samples in batches of " + batchSize + ")");
        }
        int[] order = cachedOrder(epoch);
        int from = index * batchSize;
        int n = Math.min(batchSize, dataset.size() - from);
        int featureSize = dataset.featureShape().intSize();
        int targetSize = dataset.targetShape().intSize();
        float[] x = staging(n, featureSize, true);
        float[] y = staging(n, targetSize, false);
        for (int i = 0; i < n; i++) {
            int sample = order[from + i];
            dataset.copyFeatures(sample, x, i * featureSize);
            dataset.copyTargets(sample, y, i * targetSize);
        }
        Tensor features = Tensor.of(x, dataset.featureShape().prepend(n).toArray());
        Tensor targets = Tensor.of(y, dataset.targetShape().prepend(n).toArray());
        return new Batch(features, targets);
    }

    /**
     * Host rows for {@code n} samples of {@code size} values: the kept rows for a full batch, a
     * fresh array for the shorter last batch (tensors are built from whole arrays).
     */
    private float[] staging(int n, int size, boolean features) {
        if (n != batchSize) {
            return new float[n * size];
        }
        float[] kept = features ? stagedFeatures : stagedTargets;
        if (kept == null || kept.length != n * size) {
            kept = new float[n * size];
            if (features) {
                stagedFeatures = kept;
            } else {
                stagedTargets = kept;
            }
        }
        return kept;
    }

    /**
     * The batches of {@code epoch} in order. Each batch is loaded when reached, into the scope open at
     * that moment; close it (or load inside a per-step scope with {@link #batch}) to bound memory.
     */
    public Iterable<Batch> epoch(int epoch) {
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batchCount();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("epoch " + epoch + " has " + batchCount() + " batches");
                }
                return batch(epoch, next++);
            }
        };
    }
}
