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

    private final Channel<T> channel;
    private final T value;

    OutputGuard(Channel<T> channel, T value) {
        this.channel = channel;
        this.value = Objects.requireNonNull(value, "loomcsp channels do not carry null values");
    }

    /** The channel written to. */
    public Channel<T> channel() {
        return channel;
    }

    /** The value written when this guard is selected. */
    public T value() {
        return value;
    }

    @Override
    public void poison() {
        channel.poison();
    }

    @Override
    public String toString() {
        return channel.getName() + "!" + value;
    }
}
