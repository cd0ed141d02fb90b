package io.faltung.optim.schedule;

import io.faltung.optim.Optimizer;

/**
 * Applies a {@link LearningRateSchedule} to an {@link Optimizer}, counting either optimiser steps
 * or epochs. A trainer calls {@link #afterStep()} after every {@code optimizer.step} and
 * {@link #afterEpoch()} at the end of every epoch; the scheduler advances only on the one that
 * matches its {@link Interval}, so the trainer need not know which kind it holds.
 *
 * <p>On creation the optimiser's rate is set to {@code schedule.at(0)}; after n counted events it
 * is {@code schedule.at(n)}. For an exact resume, save {@link #position()} and restore it with
 * {@link #position(long)}.
 */
public final class LearningRateScheduler {
    /** What the schedule's time counts. */
    public enum Interval {
        /** Optimiser steps (mini-batches). */
        STEP,
        /** Passes over the training data. */
        EPOCH
    }

    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final Interval interval;
    private long position;

    /** Binds {@code schedule} to {@code optimizer}, counting {@code interval}s, and applies {@code at(0)}. */
    public LearningRateScheduler(Optimizer optimizer, LearningRateSchedule schedule, Interval interval) {
        if (optimizer == null || schedule == null || interval == null) {
            throw new IllegalArgumentException("LearningRateScheduler needs an optimizer, a schedule and an interval");
        }
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.interval = interval;
        apply();
    }

    /** A scheduler counting optimiser steps. */
    public static LearningRateScheduler perStep(Optimizer optimizer, LearningRateSchedule schedule) {
        return new LearningRateScheduler(optimizer, schedule, Interval.STEP);
    }

    /** A scheduler counting epochs. */
    public static LearningRateScheduler perEpoch(Optimizer optimizer, LearningRateSchedule schedule) {
        return new LearningRateScheduler(optimizer, schedule, Interval.EPOCH);
    }

    /** Call after every optimiser step; advances a {@link Interval#STEP} schedule. */
    public void afterStep() {
        if (interval == Interval.STEP) {
            position(position + 1);
        }
    }

    /** Call at the end of every epoch; advances an {@link Interval#EPOCH} schedule. */
    public void afterEpoch() {
        if (interval == Interval.EPOCH) {
            position(position + 1);
        }
    }

    /** How many steps or epochs have been counted. */
    public long position() {
        return position;
    }

    /** Jumps to {@code t} counted steps or epochs (e.g. when resuming) and applies {@code at(t)}. */
    public void position(long t) {
        if (t < 0) {
            throw new IllegalArgumentException("scheduler position must be ≥ 0, got " + t);
        }
        position = t;
        apply();
    }

    /** What the schedule counts. */
    public Interval interval() {
        return interval;
    }

    /** The schedule applied. */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    private void apply() {
        optimizer.learningRate(schedule.at(position));
    }
}
