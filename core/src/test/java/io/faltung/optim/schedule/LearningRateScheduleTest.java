package io.faltung.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faltung.optim.SGD;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void constant() {
        LearningRateSchedule s = LearningRateSchedule.constant(0.3);
        assertEquals(0.3, s.at(0));
        assertEquals(0.3, s.at(1_000_000));
    }

    @Test
    void stepDecayDropsEveryInterval() {
        LearningRateSchedule s = LearningRateSchedule.stepDecay(1.0, 3, 0.5);
        double[] expected = {1, 1, 1, 0.5, 0.5, 0.5, 0.25};
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], s.at(t), 0.0, "t = " + t);
        }
    }

    @Test
    void exponentialDecay() {
        LearningRateSchedule s = LearningRateSchedule.exponential(0.1, 0.9);
        assertEquals(0.1, s.at(0), 1e-15);
        assertEquals(0.09, s.at(1), 1e-15);
        assertEquals(0.1 * 0.729, s.at(3), 1e-15);
    }

    @Test
    void cosineFromInitialToMinimumThenFlat() {
        LearningRateSchedule s = LearningRateSchedule.cosine(1.0, 4, 0.2);
        assertEquals(1.0, s.at(0), 1e-15);
        assertEquals(0.2 + 0.8 * (1 + Math.sqrt(0.5)) / 2, s.at(1), 1e-15);
        assertEquals(0.6, s.at(2), 1e-15);
        assertEquals(0.2, s.at(4), 1e-15);
        assertEquals(0.2, s.at(10), 1e-15);
    }

    @Test
    void warmupRampsLinearlyThenHandsOver() {
        LearningRateSchedule s = LearningRateSchedule.cosine(1.0, 2).withWarmup(4);
        assertEquals(0.25, s.at(0), 1e-15);
        assertEquals(0.5, s.at(1), 1e-15);
        assertEquals(1.0, s.at(3), 1e-15);
        assertEquals(1.0, s.at(4), 1e-15);
        assertEquals(0.5, s.at(5), 1e-15);
        assertEquals(0.0, s.at(6), 1e-15);
        LearningRateSchedule none = LearningRateSchedule.constant(0.1);
        assertEquals(none, none.withWarmup(0));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(1, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(1, 0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(-1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(1).withWarmup(-1));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(1).at(-1));
    }

    @Test
    void schedulerAdvancesOnlyOnItsInterval() {
        SGD sgd = new SGD(99);
        LearningRateScheduler perEpoch = LearningRateScheduler.perEpoch(sgd,
                LearningRateSchedule.stepDecay(1.0, 1, 0.5));
        assertEquals(1.0, sgd.learningRate());
        perEpoch.afterStep();
        perEpoch.afterStep();
        assertEquals(1.0, sgd.learningRate());
        perEpoch.afterEpoch();
        assertEquals(0.5, sgd.learningRate());
        assertEquals(1, perEpoch.position());

        LearningRateScheduler perStep = LearningRateScheduler.perStep(sgd, LearningRateSchedule.exponential(1, 0.5));
        perStep.afterEpoch();
        assertEquals(1.0, sgd.learningRate());
        perStep.afterStep();
        perStep.afterStep();
        assertEquals(0.25, sgd.learningRate());
        perStep.position(10);
        assertEquals(Math.pow(0.5, 10), sgd.learningRate());
    }
}
