package org.loomcsp;

import java.time.Duration;

/**
 * The writing end of a channel. A {@link Channel} is one; {@link Channel#writer()} gives a view
 * that can only write.
 *
 * @param <T> the type of the values
 */
public sealed interface ChannelOutput<T> permits Channel, Channel.Writer {

    /**
     * Writes a value. On an unbuffered channel it returns only after a reader has taken the value
     * (a rendezvous); on a buffered channel, once the value is in the buffer.
     *
     * @param value the value, not {@code null}
     * @throws NullPointerException if {@code value} is null (loomcsp channels never carry null;
     *     send an {@code Optional} or a sentinel object instead)
     * @throws ChannelPoison if the channel is or becomes poisoned before the value was taken;
     *     the value was then not delivered
     * @throws InterruptedException if interrupted while waiting; the value was not delivered
     *     (if it was taken at the same moment, the write returns normally instead, with the
     *     interrupt status set)
     * @throws DeadlockException if the caller is not a process (e.g. {@code main}) and it and
     *     every live process are blocked for good; the value was not delivered
     */
    void write(T value) throws InterruptedException;

    /**
     * Writes a value, waiting at most {@code timeout} for a reader (or buffer room).
     *
     * @return {@code true} if the value was delivered, {@code false} if it was not (timeout)
     * @throws ChannelPoison if the channel is or becomes poisoned before the value was taken
     * @throws InterruptedException if interrupted while waiting; the value was not delivered
     */
    boolean write(T value, Duration timeout) throws InterruptedException;

    /**
     * Writes a value if a reader is waiting or the buffer has room; never blocks.
     *
     * @return {@code true} if the value was delivered (or buffered)
     * @throws ChannelPoison if the channel is poisoned
     */
    boolean tryWrite(T value);

    /** An output guard: an {@link Alt} that selects it writes {@code value} to this channel. */
    OutputGuard<T> writeGuard(T value);

    /** Poisons the channel (see {@link Channel#poison()}). */
    void poison();

    /** Whether the channel has been poisoned. */
    boolean isPoisoned();

    /** The channel's name. */
    String getName();

    /**
     * The channel this end belongs to, if this end is the {@link Channel} itself.
     *
     * @return the channel
     * @throws UnsupportedOperationException if this is a write-only view ({@link Channel#writer()}): a
     *     view that handed out its channel would let its holder read
     * @deprecated a one-sided view must not reach the other side, so only the channel itself
     *     can answer; keep the {@code Channel} where both sides are needed (ADR 0080)
     */
    @Deprecated(since = "0.1")
    Channel<T> channel();
}
