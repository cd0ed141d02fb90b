package io.faltung.io.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.faltung.io.InvalidFormatException;
import io.faltung.io.JsonFields;
import io.faltung.nn.Sequential;

/**
 * Fuzzes job-file parsing: any text is either a job whose parts can be created (and whose JSON
 * round-trips) or is rejected with an {@link InvalidFormatException}. Other exceptions, an
 * {@link OutOfMemoryError} or a hang are findings. Seeds and past findings live in
 * {@code src/test/resources/io/faltung/io/job/JobSpecFuzzTestInputs/}; {@code docs/fuzzing.md}
 * describes the modes.
 */
class JobSpecFuzzTest {
    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"\"type\":", "\"dense\"", "\"dropout\"", "\"flatten\"", "\"activation\"", "\"units\":",
            "\"rate\":", "\"layers\":", "\"model\":", "\"data\":", "\"blobs\"", "\"mnist\"", "\"optimizer\":",
            "\"learning_rate\":", "\"schedule\":", "\"cosine\"", "\"step_decay\"", "\"epochs\":", "\"batch_size\":",
            "\"loss\":", "\"checkpoint\":", "\"every_steps\":", "\"keep_last\":", "\"warmup\":", "1e308", "-0",
            "\"conv1d\"", "\"conv2d\"", "\"kernel_size\":", "\"filters\":", "\"padding\":", "\"groups\":",
            "\"max_pool2d\"", "\"pool_size\":", "\"batch_normalization\"", "\"lstm\"", "\"gru\"",
            "\"return_sequences\":", "\"reshape\"", "\"shape\":", "\"global_average_pooling2d\"", "[-1, 4]"})
    void parseAnyText(byte[] input) throws Exception {
        JobSpec job;
        try {
            job = JobSpec.parse("fuzz job", JsonFields.decode("fuzz job", input));
        } catch (InvalidFormatException rejected) {
            return;
        }
        job.newOptimizer();
        job.newScheduler(job.newOptimizer());
        job.newLoss();
        try (Sequential model = job.newModel()) {
            assertEquals(job.json(), JobSpec.parse("fuzz job again", job.toJson()).json());
        }
    }
}
