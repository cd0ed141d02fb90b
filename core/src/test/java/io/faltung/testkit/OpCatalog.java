package io.faltung.testkit;

import io.faltung.spi.PrimitiveOp;
import io.faltung.testkit.cases.BinaryCases;
import io.faltung.testkit.cases.ConvolutionCases;
import io.faltung.testkit.cases.CopyFillCases;
import io.faltung.testkit.cases.GemmCases;
import io.faltung.testkit.cases.PoolingCases;
import io.faltung.testkit.cases.RandomCases;
import io.faltung.testkit.cases.RecurrentCellCases;
import io.faltung.testkit.cases.ReduceCases;
import io.faltung.testkit.cases.UnaryCases;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The parity catalogue: for every {@link PrimitiveOp}, the {@link OpCase}s every backend must
 * pass. Each op family keeps its cases in one class of {@code io.faltung.testkit.cases}; a new
 * primitive adds a class there and one line in {@link #families()}. {@code OpCatalogCompletenessTest}
 * fails while any op has no case.
 */
public final class OpCatalog {
    private static final Map<PrimitiveOp, List<OpCase>> CASES = build();

    private OpCatalog() {
    }

    /** Where each op's cases come from. */
    private static Map<PrimitiveOp, Supplier<List<OpCase>>> families() {
        Map<PrimitiveOp, Supplier<List<OpCase>>> families = new EnumMap<>(PrimitiveOp.class);
        families.put(PrimitiveOp.COPY, CopyFillCases::copy);
        families.put(PrimitiveOp.FILL, CopyFillCases::fill);
        families.put(PrimitiveOp.UNARY, UnaryCases::cases);
        families.put(PrimitiveOp.BINARY, BinaryCases::binary);
        families.put(PrimitiveOp.WHERE, BinaryCases::where);
        families.put(PrimitiveOp.REDUCE, ReduceCases::reduce);
        families.put(PrimitiveOp.ARG_MAX, ReduceCases::argMax);
        families.put(PrimitiveOp.GEMM, GemmCases::cases);
        families.put(PrimitiveOp.RANDOM, RandomCases::cases);
        families.put(PrimitiveOp.CONV_FORWARD, ConvolutionCases::forward);
        families.put(PrimitiveOp.CONV_BACKWARD_DATA, ConvolutionCases::backwardData);
        families.put(PrimitiveOp.CONV_BACKWARD_FILTER, ConvolutionCases::backwardFilter);
        families.put(PrimitiveOp.POOL_FORWARD, PoolingCases::forward);
        families.put(PrimitiveOp.POOL_BACKWARD, PoolingCases::backward);
        families.put(PrimitiveOp.LSTM_CELL_FORWARD, RecurrentCellCases::lstmForward);
        families.put(PrimitiveOp.LSTM_CELL_BACKWARD, RecurrentCellCases::lstmBackward);
        families.put(PrimitiveOp.GRU_CELL_FORWARD, RecurrentCellCases::gruForward);
        families.put(PrimitiveOp.GRU_CELL_BACKWARD, RecurrentCellCases::gruBackward);
        return families;
    }

    private static Map<PrimitiveOp, List<OpCase>> build() {
        Map<PrimitiveOp, List<OpCase>> cases = new EnumMap<>(PrimitiveOp.class);
        Set<String> ids = new HashSet<>();
        families().forEach((op, family) -> {
            List<OpCase> list = List.copyOf(family.get());
            for (OpCase c : list) {
                if (c.op() != op) {
                    throw new IllegalStateException("case " + c.id() + " is listed under " + op);
                }
                if (!ids.add(c.id())) {
                    throw new IllegalStateException("two catalogue cases are named " + c.id());
                }
            }
            cases.put(op, list);
        });
        return Collections.unmodifiableMap(cases);
    }

    /** The cases of {@code op}; empty if it has none (which the completeness test reports). */
    public static List<OpCase> cases(PrimitiveOp op) {
        return CASES.getOrDefault(op, List.of());
    }

    /** Every case, grouped by op in {@link PrimitiveOp} order. */
    public static List<OpCase> all() {
        List<OpCase> all = new ArrayList<>();
        for (PrimitiveOp op : PrimitiveOp.values()) {
            all.addAll(cases(op));
        }
        return all;
    }
}
