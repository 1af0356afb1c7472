package org.loomcsp;

import java.util.function.BooleanSupplier;

/**
 * A guard enabled only while a condition holds. Made by {@link Guard#when(BooleanSupplier,
 * Guard)}.
 */
public final class ConditionalGuard implements Guard {

    static final BooleanSupplier TRUE = () -> true;
    static final BooleanSupplier FALSE = () -> false;

    private final BooleanSupplier condition;
    private final Guard guard;

    ConditionalGuard(BooleanSupplier condition, Guard guard) {
        this.condition = condition;
        this.guard = guard;
    }

    /** The guard that is selected when the condition holds. */
    public Guard guard() {
        return guard;
    }

    /** Evaluates the condition (and those of nested conditional guards). */
    public boolean enabled() {
        return condition.getAsBoolean()
                && (!(guard instanceof ConditionalGuard c) || c.enabled());
    }

    /** The innermost, unconditional guard. */
    Guard innermost() {
        Guard g = guard;
        while (g instanceof ConditionalGuard c) {
            g = c.guard;
        }
        return g;
    }

    @Override
    public void poison() {
        guard.poison();
    }

    @Override
    public String toString() {
        return "when(..., " + guard + ")";
    }
}
