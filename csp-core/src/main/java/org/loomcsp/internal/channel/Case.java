package org.loomcsp.internal.channel;

/**
 * One guard of an Alt as the engine sees it: its kind, its channel and, for an output guard, the
 * value to write (Go's {@code scase}, Jox's {@code SelectClause}). The API makes one per guard
 * when the Alt is built and sets {@link #enable}/{@link #setAlarm} before each selection;
 * {@link Selector}, {@link AltSync} and {@link WaitProbe} work on these objects.
 */
/*
 * Kind, channel and value never change. 'enabled' and 'alarm' are scratch state of the selection
 * in progress, written by the selecting thread before Selector.select (an Alt is used by one
 * process at a time); WaitProbe reads them racily, for diagnosis only, after the Alt has parked
 * (its park is the happens-before edge for what it wrote before).
 */
public final class Case {

    /** What a guard does when selected. */
    public enum Kind {
        /** Read from {@link #channel()}. */
        READ,
        /** Write {@link #value()} to {@link #channel()}. */
        WRITE,
        /** Always ready; does nothing. */
        SKIP,
        /** Ready once its alarm has passed (or when it has none). */
        TIMER
    }

    /** The timer alarm meaning "no alarm set": the timer is always ready. */
    public static final long NO_ALARM = Long.MIN_VALUE;

    final Kind kind;
    final ChannelCore channel;
    final Object value;
    boolean enabled = true;
    long alarm = NO_ALARM;

    private Case(Kind kind, ChannelCore channel, Object value) {
        this.kind = kind;
        this.channel = channel;
        this.value = value;
    }

    /** An input guard on {@code c}. */
    public static Case read(ChannelCore c) {
        return new Case(Kind.READ, c, null);
    }

    /** An output guard writing {@code v} to {@code c}. */
    public static Case write(ChannelCore c, Object v) {
        return new Case(Kind.WRITE, c, v);
    }

    /** A guard that is always ready. */
    public static Case skip() {
        return new Case(Kind.SKIP, null, null);
    }

    /** A timer guard; set its alarm before each selection. */
    public static Case timer() {
        return new Case(Kind.TIMER, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The channel of a READ or WRITE case, else {@code null}. */
    public ChannelCore channel() {
        return channel;
    }

    /** The value of a WRITE case, else {@code null}. */
    public Object value() {
        return value;
    }

    /** Whether the case takes part in the next selection (its precondition holds). */
    public void enable(boolean on) {
        enabled = on;
    }

    /** The alarm of a TIMER case as a nanoTime, or {@link #NO_ALARM}. */
    public void setAlarm(long nanos) {
        alarm = nanos;
    }
}
