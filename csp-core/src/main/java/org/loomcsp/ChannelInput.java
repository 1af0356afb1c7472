package org.loomcsp;

import java.time.Duration;

/**
 * The reading end of a channel. A {@link Channel} is one; {@link Channel#reader()} gives a view
 * that can only read, for APIs that want to say which side a process uses.
 *
 * <p>A channel input is also a {@link Guard}: an {@link Alt} that selects it reads one value and
 * returns it.
 *
 * @param <T> the type of the values
 */
public sealed interface ChannelInput<T> extends Guard permits Channel, Channel.Reader {

    /**
     * Reads a value, blocking until a writer offers one (or, on a buffered channel, until one is
     * buffered).
     *
     * @return the value, never {@code null}
     * @throws ChannelPoison if the channel is or becomes poisoned
     * @throws InterruptedException if interrupted while waiting; no value was taken
     * @throws DeadlockException if the caller is not a process (e.g. {@code main}) and it and
     *     every live process are blocked for good (see {@link DeadlockException}); no value
     *     was taken
     */
    T read() throws InterruptedException;

    /**
     * Reads a value, waiting at most {@code timeout}.
     *
     * @return the value, or {@code null} if none came in time (no value was taken)
     * @throws ChannelPoison if the channel is or becomes poisoned
     * @throws InterruptedException if interrupted while waiting; no value was taken
     */
    T read(Duration timeout) throws InterruptedException;

    /**
     * Reads a value if one is ready now (a waiting writer, or a buffered value); never blocks.
     *
     * @return the value, or {@code null} if none was ready
     * @throws ChannelPoison if the channel is poisoned
     */
    T tryRead();

    /** Poisons the channel (see {@link Channel#poison()}). */
    @Override
    void poison();

    /** Whether the channel has been poisoned. */
    boolean isPoisoned();

    /** The channel's name. */
    String getName();

    /**
     * The channel this end belongs to, if this end is the {@link Channel} itself.
     *
     * @return the channel
     * @throws UnsupportedOperationException if this is a read-only view ({@link Channel#reader()}): a
     *     view that handed out its channel would let its holder write
     * @deprecated a one-sided view must not reach the other side, so only the channel itself
     *     can answer; keep the {@code Channel} where both sides are needed (ADR 0080)
     */
    @Deprecated(since = "0.1")
    Channel<T> channel();
}
