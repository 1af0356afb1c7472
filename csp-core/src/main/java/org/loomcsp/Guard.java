package org.loomcsp;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Something an {@link Alt} can choose: the read side of a channel ({@link ChannelInput}, so any
 * {@link Channel}), a write ({@link ChannelOutput#writeGuard(Object)}), {@link Skip}, a {@link
 * Timer}, or any of these under a condition ({@link #when(BooleanSupplier, Guard)}).
 *
 * <p>The set of guard kinds is closed (the interface is sealed) because every guard takes part in
 * the Alt's event-driven commit protocol; conditional guards compose them.
 */
public sealed interface Guard permits ChannelInput, OutputGuard, Skip, Timer, ConditionalGuard {

    /**
     * A guard that takes part in a selection only while {@code condition} holds: occam's boolean
     * guard, python-csp's {@code GuardedAlt}. The condition is evaluated once at the start of
     * every selection, by the selecting process.
     */
    static Guard when(BooleanSupplier condition, Guard guard) {
        return new ConditionalGuard(Objects.requireNonNull(condition, "condition"),
                Objects.requireNonNull(guard, "guard"));
    }

    /** A guard that takes part in a selection only if {@code condition} is true. */
    static Guard when(boolean condition, Guard guard) {
        return when(condition ? ConditionalGuard.TRUE : ConditionalGuard.FALSE, guard);
    }

    /**
     * Poisons what this guard stands for, if that can be poisoned (a channel); does nothing
     * otherwise. Used by {@link Alt#poison()}.
     */
    default void poison() {}
}
