package io.faltung.dsp.filterbank;

import io.faltung.autograd.NoGrad;
import io.faltung.tensor.Scope;
import io.faltung.tensor.Shape;
import io.faltung.tensor.Tensor;

/**
 * Streams a signal through a filter bank block by block: analysis into N subband signals (critically
 * sampled, one sample per subband per block of N input samples) and synthesis back. Chunks of any
 * length may be pushed; incomplete blocks wait for the next chunk. The analysis side starts with N − 1
 * zero samples, which aligns it with the standard filter implementation (subband samples taken at
 * n = 0, N, 2N, …), so that synthesis returns the input delayed by exactly
 * {@link BankStructure#delay()} = 2N − 1 + 2QN samples. Not recorded for autograd.
 */
public final class FilterBankProcessor implements AutoCloseable {
    private final int subbands;
    private final int delay;
    private final PolyphaseStream analysis;
    private final PolyphaseStream synthesis;
    private Tensor pending;

    /** A processor for the bank's current coefficients (later changes of the coefficients are not seen). */
    public FilterBankProcessor(ModulatedFilterBank bank) {
        this.subbands = bank.structure().subbands();
        this.delay = bank.structure().delay();
        try (NoGrad ignored = NoGrad.enter(); Scope scope = Scope.open()) {
            this.analysis = new PolyphaseStream(bank.analysisPolyphase());
            this.synthesis = new PolyphaseStream(bank.synthesisPolyphase());
            Tensor zeros = bank.coefficients().fullLike(Shape.of(subbands - 1), 0);
            this.pending = Scope.unscoped(zeros::detach);
        }
    }

    /** System delay in samples. */
    public int delay() {
        return delay;
    }

    /**
     * Subband samples for the next chunk of input samples ({@code [n]}, FLOAT64): {@code [blocks, N]},
     * row m holding subbands 0…N−1 at block m, as many rows as blocks were completed.
     */
    public Tensor analyze(Tensor samples) {
        if (samples.rank() != 1) {
            throw new IllegalArgumentException("analysis expects a signal of shape [samples], not " + samples.shape());
        }
        try (NoGrad ignored = NoGrad.enter(); Scope scope = Scope.open()) {
            Tensor all = Tensor.concat(0, pending, samples);
            int total = all.shape().dim(0);
            int blocks = total / subbands;
            Tensor rest = all.slice(0, blocks * subbands, total);
            Tensor kept = Scope.unscoped(rest::detach);
            pending.close();
            pending = kept;
            Tensor whole = all.slice(0, 0, blocks * subbands).reshape(blocks, subbands);
            return scope.keep(analysis.push(whole));
        }
    }

    /** Output samples {@code [blocks·N]} for the next subband blocks {@code [blocks, N]}. */
    public Tensor synthesize(Tensor subbandBlocks) {
        try (NoGrad ignored = NoGrad.enter(); Scope scope = Scope.open()) {
            Tensor out = synthesis.push(subbandBlocks);
            return scope.keep(out.reshape(out.shape().dim(0) * subbands));
        }
    }

    /** Analysis followed by synthesis: the reconstructed samples for the completed blocks of this chunk. */
    public Tensor process(Tensor samples) {
        try (Scope scope = Scope.open()) {
            return scope.keep(synthesize(analyze(samples)));
        }
    }

    /** Starts a new signal: clears the carried blocks and the partial block. */
    public void reset() {
        analysis.reset();
        synthesis.reset();
        Tensor zeros = Scope.unscoped(() -> pending.fullLike(Shape.of(subbands - 1), 0));
        pending.close();
        pending = zeros;
    }

    @Override
    public void close() {
        analysis.close();
        synthesis.close();
        pending.close();
    }
}
