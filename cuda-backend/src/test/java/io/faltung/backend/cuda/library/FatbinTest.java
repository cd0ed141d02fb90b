package io.faltung.backend.cuda.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The fatbin that faltung-native packages: one image each of sm_80 and sm_90 SASS and compute_80 PTX,
 * holding every kernel the backend launches. Skips (with the build's reason) where nvcc was missing.
 */
class FatbinTest {

    private static Fatbin packaged() throws IOException {
        try (InputStream in = Fatbin.class.getResourceAsStream(Fatbin.NOT_BUILT)) {
            Assumptions.assumeTrue(in == null, () -> "no fatbin in this build: " + read(in));
        }
        return Fatbin.load();
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void holdsSm80AndSm90CodeAndCompute80Ptx() throws IOException {
        Fatbin fatbin = packaged();
        List<String> images = fatbin.images().stream().map(Fatbin.Image::toString).sorted().collect(Collectors.toList());
        assertEquals(List.of("compute_80", "sm_80", "sm_90"), images, fatbin.toString());
        assertTrue(fatbin.runsOn(8, 0));
        assertTrue(fatbin.runsOn(8, 6), "sm_86 runs sm_80 SASS");
        assertTrue(fatbin.runsOn(9, 0));
        assertTrue(fatbin.runsOn(12, 0), "newer GPUs JIT the PTX");
        assertFalse(fatbin.runsOn(7, 5), "Turing is older than the oldest target");
    }

    @Test
    void everyKernelTheBackendLaunchesIsInEachCodeImage() throws IOException {
        Fatbin fatbin = packaged();
        List<String> names = expectedKernels();
        for (Fatbin.Image image : fatbin.images()) {
            if (image.ptx()) {
                continue;
            }
            String elf = new String(fatbin.payload(image), StandardCharsets.ISO_8859_1);
            for (String name : names) {
                assertTrue(elf.contains("\0" + name + "\0"), name + " missing from " + image);
            }
        }
    }

    @Test
    void rejectsBytesThatAreNotAFatbin() {
        assertThrows(IOException.class, () -> Fatbin.parse(new byte[] {1, 2, 3}));
        assertThrows(IOException.class, () -> Fatbin.parse(new byte[32]));
    }

    /** Names built the way CudaElementwise, CudaReduce, CudaRandom, CudaRecurrentCells and CudaConvolution build them. */
    static List<String> expectedKernels() {
        List<String> types = List.of("f32", "f64", "i32");
        List<String> names = new ArrayList<>();
        for (String t : types) {
            names.add("unary_" + t);
            names.add("binary_" + t);
            names.add("fill_" + t);
            names.add("reduce_" + t);
            names.add("reduce_finish_" + t);
            names.add("argmax_" + t);
            for (String u : types) {
                names.add("copy_" + t + "_" + u);
                names.add("where_" + t + "_" + u);
            }
        }
        for (String t : List.of("f32", "f64")) {
            names.add("random_" + t);
            names.add("lstm_cell_fwd_" + t);
            names.add("lstm_cell_bwd_" + t);
            names.add("gru_cell_fwd_" + t);
            names.add("gru_cell_bwd_" + t);
            names.add("maxpool_bwd_" + t);
        }
        return names;
    }
}
