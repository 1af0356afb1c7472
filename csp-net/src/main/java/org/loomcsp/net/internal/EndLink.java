package org.loomcsp.net.internal;

import io.grpc.ClientCall;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import org.loomcsp.ChannelPoison;
import org.loomcsp.net.PeerLost;
import org.loomcsp.net.proto.EndFrame;
import org.loomcsp.net.proto.HomeFrame;
import org.loomcsp.net.proto.Open;
import org.loomcsp.net.proto.Ping;
import org.loomcsp.net.proto.Role;

/**
 * The node-side half of one channel end's stream: opens it, hands the home's frames to the end
 * ({@link #onFrame}), pings and watches the home ({@link Beating}), and turns the end of the
 * stream into what the end should throw: nothing after an orderly end, a {@link ChannelPoison}
 * naming the home if the home refused the end (wrong name, codec or token), and a {@link
 * PeerLost} if the home was lost.
 */
abstract class EndLink implements Beating {
    static final HomeFrame LOST = HomeFrame.newBuilder().build(); // marker: the stream failed

    final Node node;
    final URI uri;
    final String peer;
    private Outbox<EndFrame> out;
    private volatile ClientCallStreamObserver<EndFrame> call;
    private volatile long lastHeard = System.nanoTime();
    private volatile boolean heard; // anything from the home yet (connection set up)
    private volatile boolean finished;
    private volatile String lostReason;
    private final AtomicBoolean ended = new AtomicBoolean();

    EndLink(Node node, URI uri) {
        this.node = node;
        this.uri = uri;
        this.peer = Node.authority(uri);
    }

    final void open(Role role, String codecName) {
        ClientCall<EndFrame, HomeFrame> c = node.newCall(uri);
        EndFrame open = EndFrame.newBuilder().setOpen(Open.newBuilder()
                .setChannel(Node.channelName(uri)).setRole(role).setCodec(codecName)
                .setNode(node.name())).build();
        var request = ClientCalls.asyncBidiStreamingCall(c, new ClientResponseObserver<EndFrame, HomeFrame>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<EndFrame> requestStream) {
                call = requestStream;
            }

            @Override
            public void onNext(HomeFrame f) {
                lastHeard = System.nanoTime();
                heard = true;
                if (!f.hasPing()) {
                    onFrame(f);
                }
            }

            @Override
            public void onError(Throwable t) {
                finish(t);
            }

            @Override
            public void onCompleted() {
                finish(null);
            }
        });
        out = new Outbox<>(request);
        out.send(open);
        node.heartbeat().watch(this);
    }

    private void finish(Throwable t) {
        finished = true;
        if (ended.compareAndSet(false, true)) {
            onEnd(t == null ? null : explain(t));
        }
    }

    /** What a failed stream means for the end. */
    private ChannelPoison explain(Throwable t) {
        Status s = Status.fromThrowable(t);
        String why = lostReason != null ? lostReason : s.getCode() + (s.getDescription() == null ? "" : ": " + s.getDescription());
        switch (s.getCode()) {
            case NOT_FOUND, UNAUTHENTICATED, PERMISSION_DENIED, FAILED_PRECONDITION, INVALID_ARGUMENT,
                 UNIMPLEMENTED -> {
                return new ChannelPoison("csp-net: the home " + peer + " refused the end of " + uri
                        + ": " + why, t);
            }
            default -> {
                return new PeerLost(peer, uri.toString(), inFlight(),
                        lostReason != null ? new java.util.concurrent.TimeoutException(lostReason) : t);
            }
        }
    }

    final boolean send(EndFrame f) {
        return out.send(f);
    }

    final void halfClose() {
        out.complete();
    }

    @Override
    public final void beat(long now, long pingEvery, long timeout) {
        if (finished) {
            return;
        }
        long limit = heard ? timeout : Math.max(timeout, node.connectTimeoutNanos());
        if (now - lastHeard > limit) {
            lostReason = heard
                    ? "nothing heard from " + peer + " for " + timeout / 1_000_000 + " ms (peer timeout)"
                    : "no answer from " + peer + " within " + limit / 1_000_000 + " ms (connect timeout)";
            ClientCallStreamObserver<EndFrame> c = call;
            if (c != null) {
                c.cancel(lostReason, null);
            }
        } else if (now - out.lastSent() >= pingEvery) {
            out.send(EndFrame.newBuilder().setPing(Ping.getDefaultInstance()).build());
        }
    }

    @Override
    public final boolean finished() {
        return finished;
    }

    /** Cancels the stream now (node shutdown): the end sees a lost peer unless it ended first. */
    final void abort(String why) {
        ClientCallStreamObserver<EndFrame> c = call;
        if (c != null && !finished) {
            c.cancel(why, null);
        }
    }

    /** A frame from the home (never a ping). Called on a gRPC thread: must not block. */
    abstract void onFrame(HomeFrame f);

    /** The stream ended: {@code poison} is null after an orderly end. Must not block. */
    abstract void onEnd(ChannelPoison poison);

    /** Whether a value is in flight (sent, unanswered): a loss then leaves it in doubt. */
    abstract boolean inFlight();

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + uri + "]";
    }
}
