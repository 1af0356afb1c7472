package org.loomcsp.net;

import java.net.URI;
import java.time.Duration;
import org.loomcsp.ChannelPoison;

/**
 * The writing end of a channel hosted on another node (or on this one, through the network
 * stack): {@link CspNode#output(URI, Codec)}.
 *
 * <p><b>Rendezvous.</b> {@link #write(Object)} returns only after a reader <em>at the channel's
 * home node</em> has taken the value: a local reader there, or a remote reader's request waiting
 * there (the home forwards the value to that reader's node). Until then the writer waits; a writer never returns
 * from {@code write} believing an undelivered value was delivered.
 *
 * <p><b>One value at a time.</b> An end has at most one value in flight; processes sharing one
 * end take turns (a fair lock). For parallel writers, give each process its own end.
 *
 * <p><b>Interruption and timeouts</b> withdraw the value: the home is asked to cancel its pending
 * write, and the call ends with {@link InterruptedException} (timeout: {@code false}) if the
 * value was not taken, or returns normally ({@code true}) if a reader took it first. The answer
 * always comes from the home, so this waits at most the peer timeout more.
 *
 * <p><b>Poison</b> crosses the network both ways: {@link #poison()} poisons the channel at its
 * home (and so every reader and writer of it on every node); poison at the home makes the
 * pending and every later write here throw {@link ChannelPoison}. A lost home node poisons this
 * end with {@link PeerLost}.
 *
 * <p>Not a {@link org.loomcsp.ChannelOutput}: core's channel interfaces are sealed, and a remote
 * write cannot honour an output guard's commit protocol in an {@link org.loomcsp.Alt}. A process
 * does not poison it automatically when it ends with poison or fails: catch, poison it, rethrow
 * (see {@code docs/net.md}).
 *
 * @param <T> the type of the values
 */
public interface NetChannelOutput<T> extends AutoCloseable {

    /**
     * Writes a value: returns once a reader at the home node has taken it.
     *
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if the codec refuses the value (at this node or at the
     *     home); nothing was delivered and the channel is not affected
     * @throws ChannelPoison if the channel is or becomes poisoned before the value was taken; the
     *     value was not delivered ({@link PeerLost} if the home was lost: see {@link
     *     PeerLost#inDoubt()})
     * @throws InterruptedException if interrupted while waiting; the value was not delivered
     */
    void write(T value) throws InterruptedException;

    /**
     * Writes a value, waiting at most {@code timeout} for a reader at the home node.
     *
     * @return {@code true} if the value was taken, {@code false} if not (withdrawn)
     * @throws ChannelPoison as for {@link #write(Object)}
     * @throws InterruptedException as for {@link #write(Object)}
     */
    boolean write(T value, Duration timeout) throws InterruptedException;

    /** Poisons the channel at its home node, for every node. Idempotent; never blocks. */
    void poison();

    /** Whether this end knows the channel to be poisoned (or its home lost). */
    boolean isPoisoned();

    /** The channel's URI. */
    URI uri();

    /**
     * Closes this end without poisoning the channel. A write in progress is withdrawn as on
     * interruption. Idempotent.
     */
    @Override
    void close();
}
