package org.loomcsp.net.internal;

import java.net.URI;
import org.loomcsp.Alt;
import org.loomcsp.Channel;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelPoison;
import org.loomcsp.net.Codec;
import org.loomcsp.net.proto.EndFrame;
import org.loomcsp.net.proto.HomeFrame;
import org.loomcsp.net.proto.Poison;
import org.loomcsp.net.proto.Received;
import org.loomcsp.net.proto.Request;
import org.loomcsp.net.proto.Role;

/**
 * A reader's end of a remote channel: an ordinary local {@link Channel} ({@link #local}) fed by a
 * proxy thread that asks the home for one value at a time. Because the end is a core channel it
 * is a {@link org.loomcsp.Guard}: it takes part in an {@link Alt} with local channels and timers.
 */
/*
 * Proxy loop, one value at a time:
 *   1. send Request(seq);
 *   2. wait, in an Alt over {inbox, local}, for the home's answer. `local` is an input guard
 *      that is never ready (the proxy is its only writer); it is there so that poisoning the
 *      local channel wakes the proxy (an Alt throws ChannelPoison when an enabled guard's channel
 *      is poisoned) without polling;
 *   3. on Deliver(seq, v): offer v locally, in an Alt over {local.writeGuard(v), inbox}, so that
 *      poison or a lost home arriving meanwhile is seen at once; when a local reader has taken
 *      v, send Received(seq) and go to 1.
 * Where a value can be: (a) in the home's channel (not yet taken: nothing promised yet);
 * (b) taken at the home for this end's Request, in flight or in step 3 (the home keeps it until
 * Received(seq)); (c) taken by a local reader (Received sent). If this end closes in order during
 * (b), it half-closes without Received and the home puts the value back into its channel; if
 * the channel is poisoned during (b), the value is discarded, as poison discards a buffered
 * channel's contents; if either node is lost during (b), the value is in doubt (the home logs
 * it) and is never sent twice.
 */
public final class InputEnd<T> extends EndLink {
    private final Codec<T> codec;
    private final Channel<T> local;
    private final Channel<Object> inbox = Channel.buffered(64);
    private volatile ChannelPoison fault;
    private volatile boolean closing;
    private final Thread proxy;

    InputEnd(Node node, URI uri, Codec<T> codec) {
        super(node, uri);
        this.codec = codec;
        this.local = new Channel<>(uri.toString());
        open(Role.READER, codec.name());
        this.proxy = Agents.unstarted("csp-net-in " + uri, this::run);
        proxy.start();
    }

    /** The end as processes see it. */
    public ChannelInput<T> input() {
        return local.reader();
    }

    /** Why the end was poisoned by the network (lost or refusing home, or poison at the home, with its reason), or null. */
    public ChannelPoison fault() {
        return fault;
    }

    private void run() {
        long seq = 0;
        try {
            while (true) {
                seq++;
                if (!send(EndFrame.newBuilder().setRequest(Request.newBuilder().setSeq(seq)).build())) {
                    local.poison();
                    return;
                }
                HomeFrame f = (HomeFrame) new Alt(inbox, local).priSelect();
                if (f == LOST || f.hasPoison()) {
                    poisoned(f);
                    local.poison();
                    return;
                }
                if (!f.hasDeliver() || f.getDeliver().getSeq() != seq) {
                    abort("protocol error: expected Deliver(" + seq + "), got " + f.getKindCase());
                    local.poison();
                    return;
                }
                T v;
                try {
                    v = codec.decode(f.getDeliver().getPayload().toByteArray());
                } catch (RuntimeException e) {
                    fault = new ChannelPoison("csp-net: cannot decode a value of " + uri + ": "
                            + e.getMessage(), e);
                    System.getLogger("org.loomcsp.net").log(System.Logger.Level.ERROR, fault.getMessage());
                    poisonHome("undecodable value at " + node.name());
                    local.poison();
                    return;
                }
                Alt offer = new Alt(local.writeGuard(v), inbox);
                Object r = offer.priSelect();
                if (offer.lastSelected() == inbox || r instanceof HomeFrame) {
                    if (r instanceof HomeFrame h) {
                        poisoned(h);
                    }
                    local.poison(); // poison or a lost home while offering: v is discarded
                    return;
                }
                send(EndFrame.newBuilder().setReceived(Received.newBuilder().setSeq(seq)).build());
            }
        } catch (ChannelPoison p) {
            // the local channel was poisoned (by a local process, or by close())
            if (closing) {
                halfClose();
            } else {
                poisonHome("poisoned by " + node.name());
            }
        } catch (InterruptedException e) {
            halfClose();
            local.poison();
        }
    }

    /** Records why the home poisoned the channel (its Poison frame's reason) as this end's fault. */
    private void poisoned(HomeFrame f) {
        if (f != LOST && f.hasPoison() && fault == null) {
            String r = f.getPoison().getReason();
            fault = new ChannelPoison("Channel " + uri + " is poisoned" + (r.isEmpty() ? "" : " (" + r + ")"), null);
        }
    }

    private void poisonHome(String why) {
        send(EndFrame.newBuilder().setPoison(Poison.newBuilder().setReason(why)).build());
    }

    @Override
    void onFrame(HomeFrame f) {
        if (f.hasOpened()) {
            return;
        }
        if (!inbox.tryWrite(f) && !inbox.isPoisoned()) {
            abort("protocol error: more frames than one value at a time allows");
        }
    }

    @Override
    void onEnd(ChannelPoison p) {
        if (p != null && fault == null) {
            fault = p;
            if (!closing) {
                System.getLogger("org.loomcsp.net").log(System.Logger.Level.WARNING, p.getMessage());
            }
        }
        inbox.tryWrite(LOST);
    }

    @Override
    boolean inFlight() {
        return false; // the home accounts for values it delivered and did not hear Received for
    }

    /** Closes the end in order: no poison reaches the home; a value not yet taken here goes back. */
    public void close() {
        closing = true;
        local.poison();
        node.forget(this);
    }

    @Override
    public String toString() {
        return uri + "?";
    }
}
