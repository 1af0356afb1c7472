package org.loomcsp.net.internal;

import com.google.protobuf.ByteString;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.loomcsp.ChannelPoison;
import org.loomcsp.net.Codec;
import org.loomcsp.net.NetChannelOutput;
import org.loomcsp.net.PeerLost;
import org.loomcsp.net.proto.Cancel;
import org.loomcsp.net.proto.EndFrame;
import org.loomcsp.net.proto.HomeFrame;
import org.loomcsp.net.proto.Poison;
import org.loomcsp.net.proto.Role;
import org.loomcsp.net.proto.Send;

/**
 * A {@link NetChannelOutput}: a writer's end of a remote channel.
 */
/*
 * Protocol (writer side). One value in flight: the writer holds the fair `turn` lock from Send
 * to the answer. seq grows by one per value; the answer for seq is exactly one of Taken(seq),
 * Cancelled(seq), Rejected(seq), or the end of the stream (Poison frame, or a broken stream).
 * Answers for older seqs cannot arrive (one in flight), so a frame with another seq is a bug and
 * is ignored. A withdrawal (interrupt, timeout, close) sends Cancel(seq) and then waits, without
 * a deadline, for the home's answer: the home answers every seq, and the heartbeat ends a stream
 * whose home went silent, so this wait is bounded by the peer timeout.
 *
 * Invariants: `poison`, once set, never changes (first cause wins) and every later write throws
 * it (or a PeerLost that is not in doubt); a write returns normally iff Taken(seq) arrived; it
 * throws InterruptedException / returns false iff Cancelled(seq) arrived.
 */
public final class OutputEnd<T> extends EndLink implements NetChannelOutput<T> {
    private final Codec<T> codec;
    private final ReentrantLock turn = new ReentrantLock(true);
    private final LinkedBlockingQueue<HomeFrame> inbox = new LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicReference<ChannelPoison> poisonRef =
            new java.util.concurrent.atomic.AtomicReference<>();
    private volatile long pending; // seq in flight, 0 if none
    private long seq;

    OutputEnd(Node node, URI uri, Codec<T> codec) {
        super(node, uri);
        this.codec = codec;
        open(Role.WRITER, codec.name());
    }

    @Override
    public void write(T value) throws InterruptedException {
        doWrite(value, 0);
    }

    @Override
    public boolean write(T value, Duration timeout) throws InterruptedException {
        long ns = Math.max(1, saturated(timeout));
        return doWrite(value, ns);
    }

    private static long saturated(Duration d) {
        try {
            return Objects.requireNonNull(d, "timeout").toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? 1 : Long.MAX_VALUE / 4;
        }
    }

    private boolean doWrite(T value, long timeoutNanos) throws InterruptedException {
        Objects.requireNonNull(value,
                "loomcsp channels do not carry null; send an Optional or a sentinel object");
        long start = System.nanoTime();
        turn.lockInterruptibly();
        try {
            ChannelPoison p = poisonRef.get();
            if (p != null) {
                throw later(p);
            }
            byte[] bytes = codec.encode(value);
            long s = ++seq;
            pending = s;
            try {
                if (!send(EndFrame.newBuilder().setSend(Send.newBuilder().setSeq(s)
                        .setPayload(ByteString.copyFrom(bytes))).build())) {
                    throw later(awaitPoison());
                }
                return await(s, timeoutNanos == 0 ? 0 : start + timeoutNanos);
            } finally {
                pending = 0;
            }
        } finally {
            turn.unlock();
        }
    }

    /** The poison to throw from a write that did not put a value in flight. */
    private static ChannelPoison later(ChannelPoison p) {
        if (p instanceof PeerLost lost && lost.inDoubt()) {
            return new PeerLost(lost.peer(), lost.channel(), false, lost.getCause());
        }
        return p;
    }

    private ChannelPoison awaitPoison() {
        ChannelPoison p = poisonRef.get();
        return p != null ? p : new ChannelPoison(uri.toString());
    }

    private boolean await(long s, long deadline) throws InterruptedException {
        boolean withdrawn = false;
        boolean interrupted = false;
        try {
            while (true) {
                HomeFrame f;
                if (!withdrawn) {
                    try {
                        f = deadline == 0 ? inbox.take()
                                : inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        interrupted = true;
                        withdrawn = withdraw(s);
                        continue;
                    }
                    if (f == null) {
                        withdrawn = withdraw(s);
                        continue;
                    }
                } else {
                    try {
                        f = inbox.take();
                    } catch (InterruptedException e) {
                        interrupted = true;
                        continue;
                    }
                }
                if (f == LOST) {
                    throw poisonRef.get();
                }
                switch (f.getKindCase()) {
                    case TAKEN -> {
                        if (f.getTaken().getSeq() == s) {
                            return true;
                        }
                    }
                    case CANCELLED -> {
                        if (f.getCancelled().getSeq() == s) {
                            if (interrupted) {
                                interrupted = false;
                                throw new InterruptedException("write to " + uri + " withdrawn; the value was not taken");
                            }
                            if (!withdrawn) { // the home cancelled on its own: this end was closed
                                throw awaitPoison();
                            }
                            return false;
                        }
                    }
                    case REJECTED -> {
                        if (f.getRejected().getSeq() == s) {
                            throw new IllegalArgumentException("the home " + peer + " of " + uri
                                    + " refused the value: " + f.getRejected().getReason());
                        }
                    }
                    case POISON -> {
                        setPoison(new ChannelPoison("Channel " + uri + " is poisoned"
                                + reason(f.getPoison().getReason()), null));
                        throw poisonRef.get();
                    }
                    default -> { /* Opened; nothing to do */ }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String reason(String r) {
        return r.isEmpty() ? "" : " (" + r + ")";
    }

    /** Asks the home to withdraw seq {@code s}; returns true (the answer is still awaited). */
    private boolean withdraw(long s) {
        send(EndFrame.newBuilder().setCancel(Cancel.newBuilder().setSeq(s)).build());
        return true;
    }

    /** First cause wins. */
    private void setPoison(ChannelPoison p) {
        poisonRef.compareAndSet(null, p);
    }

    @Override
    void onFrame(HomeFrame f) {
        if (f.hasPoison()) {
            setPoison(new ChannelPoison("Channel " + uri + " is poisoned" + reason(f.getPoison().getReason()), null));
        }
        inbox.add(f);
    }

    @Override
    void onEnd(ChannelPoison p) {
        setPoison(p != null ? p : new ChannelPoison("csp-net: the end of " + uri + " is closed", null));
        inbox.add(LOST);
    }

    @Override
    boolean inFlight() {
        return pending != 0;
    }

    @Override
    public void poison() {
        if (poisonRef.get() == null) {
            setPoison(new ChannelPoison(uri.toString()));
            send(EndFrame.newBuilder().setPoison(Poison.newBuilder().setReason("poisoned by " + node.name())).build());
        }
    }

    @Override
    public boolean isPoisoned() {
        return poisonRef.get() != null;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        if (!finished()) {
            setPoison(new ChannelPoison("csp-net: the end of " + uri + " is closed", null));
            halfClose();
        }
        node.forget(this);
    }

    @Override
    public String toString() {
        return uri + "!";
    }
}
