package org.loomcsp.net;

import org.loomcsp.ChannelPoison;

/**
 * The poison a network channel end gets when the node at the other end is lost: it died, it was
 * partitioned away (nothing heard from it for the node's {@linkplain CspNode.Builder#peerTimeout
 * peer timeout}), or the connection broke. It names the peer and the channel, and its cause is
 * the transport's report.
 *
 * <p>It is a {@link ChannelPoison}, so a process that meets it ends quietly and spreads poison as
 * usual. {@link #inDoubt()} tells whether a value was in flight when the peer was lost: a write
 * that ends with {@code PeerLost} and {@code inDoubt()} may or may not have been taken by a
 * reader at the home node (the acknowledgement was lost with the peer); it is never delivered
 * twice. A write that ends with {@code PeerLost} and not {@code inDoubt()} was not delivered.
 */
public final class PeerLost extends ChannelPoison {
    private static final long serialVersionUID = 1L;

    private final String peer;
    private final String channel;
    private final boolean inDoubt;

    /**
     * @param peer the lost node ({@code host:port}, or the name it gave)
     * @param channel the channel's URI
     * @param inDoubt whether a value was in flight (sent, not acknowledged)
     * @param cause the transport's report
     */
    public PeerLost(String peer, String channel, boolean inDoubt, Throwable cause) {
        super("csp-net: lost peer " + peer + " of channel " + channel
                + (inDoubt ? "; the value in flight may or may not have been taken (in doubt, never duplicated)" : "")
                + (cause == null ? "" : ": " + cause.getMessage()), cause);
        this.peer = peer;
        this.channel = channel;
        this.inDoubt = inDoubt;
    }

    /** The lost node. */
    public String peer() {
        return peer;
    }

    /** The URI of the channel whose end was poisoned. */
    public String channel() {
        return channel;
    }

    /** Whether a value was in flight, unacknowledged, when the peer was lost. */
    public boolean inDoubt() {
        return inDoubt;
    }
}
