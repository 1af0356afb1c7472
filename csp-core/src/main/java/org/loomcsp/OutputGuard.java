package org.loomcsp;

import java.util.Objects;

/**
 * An output guard: an {@link Alt} that selects it writes {@code value} to the channel, as Go's
 * {@code select} can send. Made by {@link ChannelOutput#writeGuard(Object)}. Selecting it
 * returns the value written.
 *
 * @param <T> the channel's element type
 */
public final class OutputGuard<T> implements Guard {

    /** The end it was made from: the channel, or a write-only view of it. */
    private final ChannelOutput<T> output;
    private final T value;

    OutputGuard(ChannelOutput<T> output, T value) {
        this.output = output;
        this.value = Objects.requireNonNull(value, "loomcsp channels do not carry null values");
    }

    /**
     * The channel written to, if this guard was made from the {@link Channel} itself.
     *
     * @throws UnsupportedOperationException if it was made from a write-only view ({@link
     *     Channel#writer()}), which must not give access to the reading side
     * @deprecated only a guard made from the channel itself can answer (ADR 0080)
     */
    @Deprecated(since = "0.1")
    public Channel<T> channel() {
        if (output instanceof Channel<T> c) {
            return c;
        }
        throw new UnsupportedOperationException("Output guard on " + output.getName() + ": it was"
                + " made from a write-only view, which cannot hand out its channel (that would"
                + " let its holder read). Keep the Channel itself where both sides are needed.");
    }

    /** The engine's channel (package-private). */
    org.loomcsp.internal.channel.ChannelCore core() {
        return Channel.coreOf(output);
    }

    /** The value written when this guard is selected. */
    public T value() {
        return value;
    }

    @Override
    public void poison() {
        output.poison();
    }

    @Override
    public String toString() {
        return output.getName() + "!" + value;
    }
}
