package org.loomcsp.net.internal;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.lang.System.Logger.Level;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.loomcsp.ChannelPoison;
import org.loomcsp.internal.channel.ChannelCore;
import org.loomcsp.internal.channel.PendingWrite;
import org.loomcsp.net.proto.Cancelled;
import org.loomcsp.net.proto.Deliver;
import org.loomcsp.net.proto.EndFrame;
import org.loomcsp.net.proto.HomeFrame;
import org.loomcsp.net.proto.Opened;
import org.loomcsp.net.proto.Ping;
import org.loomcsp.net.proto.Poison;
import org.loomcsp.net.proto.Rejected;
import org.loomcsp.net.proto.Role;
import org.loomcsp.net.proto.Taken;

/**
 * The home's half of one remote end's stream: a writer end's values are offered to the hosted
 * channel without a thread ({@link PendingWrite}); a reader end has an agent thread that reads
 * from the hosted channel on its behalf, one value at a time.
 */
/*
 * gRPC delivers the end's frames on its own thread (onNext, serially; must not block).
 *
 * Writer end: a Send is offered to the hosted channel on the gRPC thread as a PendingWrite
 * (`pending`, under `lock`): taken at once (Taken), poisoned (Poison), or queued among the
 * channel's writers like a parked writer, with no thread held. A reader that takes it runs the
 * callback on its own thread, which answers Taken; poison answers Poison; Cancel(seq) or the end
 * of the stream withdraws it (PendingWrite.cancel) and answers Cancelled if the withdrawal won,
 * else the callback answers. So every Send gets exactly one of Taken / Cancelled / Rejected /
 * Poison, and a value is written to the channel at most once (seqs must grow; a repeated seq is
 * ignored), so it is never delivered twice. A Send that comes before the answer to the previous
 * one (a client that breaks the one-in-flight rule) is Rejected, not queued. (Before ADR 0111
 * an agent thread wrote each value that no reader was waiting for: three thread hand-offs per
 * value instead of one; docs/bench/net.md.)
 *
 * Reader end: Request goes to the agent's queue; Cancel interrupts the agent if it is working on
 * that seq (under `lock`, so an interrupt never leaks into another operation: the agent clears
 * its interrupt status under the same lock when the operation ends), or marks the seq cancelled
 * if the agent has not started it; Received clears the in-flight value; Poison poisons the
 * hosted channel. The agent answers every Request with Deliver / Cancelled / Poison. Fast path:
 * while the agent is idle, the gRPC thread serves a Request itself if a waiting writer completes
 * it at once (tryRead). An end sends its next Request only after the answer to the previous one,
 * so the two never work on one end at once; a client that breaks that rule gets its values
 * delivered once each but possibly out of order.
 *
 * The reader role keeps the value it delivered (`inFlight`) until Received. If the end closes in
 * order before Received (it half-closed without handing the value to a local reader), the agent
 * writes the value back into the hosted channel. If the end is lost, the value is in doubt (it
 * may have been taken at the end's node): it is logged, never re-sent.
 *
 * A lost end (broken stream, or silent for the peer timeout) poisons the hosted channel when the
 * node's poisonOnPeerLoss is set (the default): a node that dies is then like a process that
 * fails, whose channels are poisoned so that nobody waits for it for ever.
 */
final class HomeLink implements StreamObserver<EndFrame>, Beating {
    private static final System.Logger LOG = System.getLogger("org.loomcsp.net");
    private static final Object STOP = new Object();
    private static final Object CLOSE = new Object();
    private static final Object POISONED = new Object();

    private final Node node;
    private final Outbox<HomeFrame> out;
    private final String address;
    private final LinkedBlockingQueue<Object> work = new LinkedBlockingQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile long lastHeard = System.nanoTime();
    private volatile boolean finished;
    private volatile String peer;
    private volatile Hosted hosted;
    private Role role;
    private Thread agent;
    // guarded by lock
    private long current;
    private long cancelled;
    private boolean stopping;
    private Object inFlight;
    private long inFlightSeq;
    private Offer pending; // a writer end's Send waiting in the hosted channel
    // the highest seq accepted (CAS: a reader end's fast path and its agent may both accept)
    private final java.util.concurrent.atomic.AtomicLong lastSeq = new java.util.concurrent.atomic.AtomicLong();
    // true while the agent has nothing to do: the gRPC thread may then serve a Request itself if
    // it completes without blocking (see fast()); a writer end's Sends never go to the agent
    private volatile boolean agentIdle = true;
    private final AtomicBoolean poisonAnswered = new AtomicBoolean();

    HomeLink(Node node, StreamObserver<HomeFrame> out, String address) {
        this.node = node;
        this.out = new Outbox<>(out);
        this.address = address;
        this.peer = address;
        node.heartbeat().watch(this);
    }

    @Override
    public void onNext(EndFrame f) {
        lastHeard = System.nanoTime();
        switch (f.getKindCase()) {
            case OPEN -> open(f);
            case SEND -> {
                if (role == Role.WRITER) {
                    send(f.getSend().getSeq(), f.getSend().getPayload());
                } else {
                    work.add(f); // the agent warns
                }
            }
            case REQUEST -> {
                if (!(agentIdle && fast(f))) {
                    agentIdle = false;
                    work.add(f);
                }
            }
            case CANCEL -> cancel(f.getCancel().getSeq());
            case RECEIVED -> {
                lock.lock();
                try {
                    if (inFlightSeq == f.getReceived().getSeq()) {
                        inFlight = null;
                        inFlightSeq = 0;
                    }
                } finally {
                    lock.unlock();
                }
            }
            case POISON -> {
                Hosted h = hosted;
                if (h != null) {
                    String r = f.getPoison().getReason();
                    h.poison(r.isEmpty() ? "poisoned through the end from " + peer : r);
                    work.add(POISONED);
                }
            }
            default -> { /* PING */ }
        }
    }

    private void open(EndFrame f) {
        var o = f.getOpen();
        if (hosted != null) {
            refuse(Status.INVALID_ARGUMENT.withDescription("Open sent twice"));
            return;
        }
        if (!o.getNode().isEmpty()) {
            peer = o.getNode() + " (" + address + ")";
        }
        Hosted h = node.hosted(o.getChannel());
        if (h == null) {
            refuse(Status.NOT_FOUND.withDescription("no channel '" + o.getChannel() + "' is hosted at "
                    + node.name() + "; host it there with node.host(\"" + o.getChannel() + "\", channel, codec)"));
            return;
        }
        if (!h.codec().name().equals(o.getCodec())) {
            refuse(Status.FAILED_PRECONDITION.withDescription("channel '" + o.getChannel() + "' at "
                    + node.name() + " uses codec " + h.codec().name() + ", the end uses " + o.getCodec()
                    + "; use the same codec on both nodes"));
            return;
        }
        if (o.getRole() != Role.WRITER && o.getRole() != Role.READER) {
            refuse(Status.INVALID_ARGUMENT.withDescription("role must be WRITER or READER"));
            return;
        }
        role = o.getRole();
        hosted = h;
        agent = Agents.unstarted("csp-net-home " + h.name() + " for " + peer, this::agentLoop);
        agent.start();
        out.send(HomeFrame.newBuilder().setOpened(Opened.newBuilder().setNode(node.name())).build());
    }

    private void refuse(Status s) {
        finished = true;
        ended.set(true);
        out.fail(s.asRuntimeException());
    }

    private void cancel(long seq) {
        Offer o = null;
        lock.lock();
        try {
            if (pending != null && pending.seq == seq) {
                o = pending;
            } else if (current == seq) {
                agent.interrupt();
            } else if (seq > lastSeqSeen()) {
                cancelled = seq;
            }
        } finally {
            lock.unlock();
        }
        if (o != null) {
            withdraw(o);
        }
    }

    /** Withdraws a pending write; answers Cancelled if it won (else its callback answers). */
    private void withdraw(Offer o) {
        if (o.cancel()) {
            clearPending(o);
            out.send(HomeFrame.newBuilder().setCancelled(Cancelled.newBuilder().setSeq(o.seq)).build());
        }
    }

    private void clearPending(Offer o) {
        lock.lock();
        try {
            if (pending == o) {
                pending = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A Send on a writer end, on the gRPC thread: the value is offered to the hosted channel
     * without holding a thread ({@link PendingWrite}); Taken goes back when a reader takes it,
     * from the reader's thread, or Cancelled / Poison. At most one Send per end is pending (the
     * end waits for the answer), so {@code pending} holds at most one.
     */
    private void send(long seq, ByteString payload) {
        Hosted h = hosted;
        if (!accept(seq, "Send")) {
            return;
        }
        Object v;
        try {
            v = h.codec().decode(payload.toByteArray());
        } catch (RuntimeException e) {
            out.send(HomeFrame.newBuilder().setRejected(Rejected.newBuilder().setSeq(seq)
                    .setReason(String.valueOf(e.getMessage()))).build());
            return;
        }
        Offer o = new Offer(h, v, seq);
        boolean refused;
        long busy = 0;
        lock.lock();
        try {
            started = seq;
            refused = stopping || cancelled == seq;
            if (!refused && pending != null) {
                busy = pending.seq;
            } else if (!refused) {
                pending = o; // before the offer: a Cancel or stop() finds it
            }
        } finally {
            lock.unlock();
        }
        if (busy != 0) {
            out.send(HomeFrame.newBuilder().setRejected(Rejected.newBuilder().setSeq(seq)
                    .setReason("one value in flight per end: Send(" + seq + ") came before the answer to Send("
                            + busy + "); wait for Taken, Cancelled or Rejected before the next Send")).build());
            return;
        }
        if (refused) {
            out.send(HomeFrame.newBuilder().setCancelled(Cancelled.newBuilder().setSeq(seq)).build());
            return;
        }
        int r = o.offer();
        if (r == ChannelCore.WRITTEN) {
            clearPending(o);
            out.send(HomeFrame.newBuilder().setTaken(Taken.newBuilder().setSeq(seq)).build());
        } else if (r == ChannelCore.WRITE_POISONED) {
            clearPending(o);
            answerPoison(h);
        }
        // PENDING: o.decided answers; NOT_WRITTEN: withdrawn by stop() first, which answered
    }

    /** A remote write waiting in the hosted channel's queue of writers. */
    private final class Offer extends PendingWrite {
        final long seq;

        Offer(Hosted h, Object v, long seq) {
            super(h.channel(), v);
            this.seq = seq;
        }

        @Override
        protected void decided(boolean taken) {
            clearPending(this);
            Hosted h = hosted;
            if (!taken) {
                answerPoison(h);
                return;
            }
            boolean told = out.send(HomeFrame.newBuilder().setTaken(Taken.newBuilder().setSeq(seq)).build());
            if (!told) {
                LOG.log(Level.WARNING, "csp-net: a value from " + peer + " was taken from '" + h.name()
                        + "' after its stream ended; the writer was told it is in doubt");
            }
        }
    }

    /** Tells the end its channel is poisoned and ends the stream (once). */
    private void answerPoison(Hosted h) {
        if (poisonAnswered.compareAndSet(false, true)) {
            out.send(HomeFrame.newBuilder().setPoison(Poison.newBuilder()
                    .setReason(h.poisonReason(node.name()))).build());
            out.complete();
        }
        finished = true;
    }

    private volatile long started; // the last seq begun: by the agent, the fast path or send() (written under lock)

    private long lastSeqSeen() {
        return started;
    }

    private boolean begin(long seq) {
        lock.lock();
        try {
            started = seq;
            if (stopping || cancelled == seq) {
                return false;
            }
            current = seq;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void end() {
        lock.lock();
        try {
            current = 0;
            Thread.interrupted();
        } finally {
            lock.unlock();
        }
    }

    private void agentLoop() {
        Hosted h = hosted;
        try {
            while (true) {
                Object w = work.poll();
                if (w == null) {
                    agentIdle = true;
                    w = work.take();
                }
                if (w == STOP) {
                    return;
                }
                if (w == CLOSE) {
                    putBack(h);
                    out.complete();
                    return;
                }
                if (w == POISONED) {
                    throw new ChannelPoison(h.name());
                }
                EndFrame f = (EndFrame) w;
                if (f.hasRequest() && role == Role.READER) {
                    read(h, f.getRequest().getSeq());
                } else {
                    LOG.log(Level.WARNING, "csp-net: " + f.getKindCase() + " on a " + role + " end from " + peer + " ignored");
                }
            }
        } catch (ChannelPoison p) {
            answerPoison(h);
        } catch (InterruptedException e) {
            // stopped
        }
    }

    /** Accepts a seq once: false (and a warning) for a repeated or old one. */
    private boolean accept(long seq, String what) {
        long last;
        do {
            last = lastSeq.get();
            if (seq <= last) {
                LOG.log(Level.WARNING, "csp-net: repeated " + what + "(" + seq + ") from " + peer + " ignored");
                return false;
            }
        } while (!lastSeq.compareAndSet(last, seq));
        return true;
    }

    /**
     * The fast path, on the gRPC thread, when the agent is idle: a Send whose value a waiting
     * reader takes at once ({@code tryWrite}), or a Request that a waiting writer serves at once
     * ({@code tryRead}), is answered here without waking the agent (two thread hand-offs fewer
     * per value). Anything that would block goes to the agent as usual. Returns false if the
     * frame must go to the agent.
     */
    private boolean fast(EndFrame f) {
        Hosted h = hosted;
        if (h == null) {
            return false;
        }
        lock.lock();
        try {
            if (stopping) {
                return false;
            }
        } finally {
            lock.unlock();
        }
        try {
            if (f.hasRequest() && role == Role.READER) {
                long seq = f.getRequest().getSeq();
                if (seq <= lastSeq.get()) {
                    return false;
                }
                Object v = h.channel().tryRead();
                if (v == null) {
                    return false;
                }
                lastSeq.accumulateAndGet(seq, Math::max);
                markStarted(seq);
                deliver(h, seq, v);
                return true;
            }
            return false;
        } catch (ChannelPoison p) {
            answerPoison(h);
            work.add(STOP);
            return true;
        }
    }

    private void markStarted(long seq) {
        lock.lock();
        try {
            started = seq;
        } finally {
            lock.unlock();
        }
    }

    private void read(Hosted h, long seq) {
        if (!accept(seq, "Request")) {
            return;
        }
        if (!begin(seq)) {
            out.send(HomeFrame.newBuilder().setCancelled(Cancelled.newBuilder().setSeq(seq)).build());
            return;
        }
        Object v;
        try {
            v = h.channel().read();
        } catch (InterruptedException e) {
            out.send(HomeFrame.newBuilder().setCancelled(Cancelled.newBuilder().setSeq(seq)).build());
            return;
        } finally {
            end();
        }
        deliver(h, seq, v);
    }

    /** Sends a value taken for the end, keeping it until Received. */
    private void deliver(Hosted h, long seq, Object v) {
        byte[] bytes;
        try {
            bytes = h.codec().encode(v);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "csp-net: a value on '" + h.name() + "' cannot be encoded for "
                    + peer + " (" + e.getMessage() + "); poisoning the channel", e);
            h.poison("a value could not be encoded for " + peer + ": " + e.getMessage());
            throw new ChannelPoison(h.name());
        }
        lock.lock();
        try {
            inFlight = v;
            inFlightSeq = seq;
        } finally {
            lock.unlock();
        }
        out.send(HomeFrame.newBuilder().setDeliver(Deliver.newBuilder().setSeq(seq)
                .setPayload(ByteString.copyFrom(bytes))).build());
    }

    /** After an orderly close: a value delivered but not taken at the end goes back. */
    private void putBack(Hosted h) throws InterruptedException {
        Object v;
        lock.lock();
        try {
            v = inFlight;
            inFlight = null;
            inFlightSeq = 0;
        } finally {
            lock.unlock();
        }
        if (v != null) {
            try {
                h.channel().write(v);
            } catch (ChannelPoison p) {
                // discarded by poison, as a buffered channel's contents are
            }
        }
    }

    private void stop(boolean orderly) {
        Offer o;
        lock.lock();
        try {
            stopping = true;
            o = pending;
            if (current != 0 && agent != null) {
                agent.interrupt();
            }
        } finally {
            lock.unlock();
        }
        if (o != null) {
            withdraw(o); // a value not yet taken is not taken (Cancelled, before the end of the stream)
        }
        work.add(orderly ? CLOSE : STOP);
    }

    @Override
    public void onError(Throwable t) {
        lost(Status.fromThrowable(t).toString());
    }

    /** The end is gone without an orderly close. */
    void lost(String why) {
        finished = true;
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        Hosted h = hosted;
        if (h == null) {
            return;
        }
        stop(false);
        if (node.closing()) {
            return;
        }
        Object doubt;
        lock.lock();
        try {
            doubt = inFlight;
            inFlight = null;
        } finally {
            lock.unlock();
        }
        if (doubt != null) {
            LOG.log(Level.WARNING, "csp-net: a value of '" + h.name() + "' was sent to " + peer
                    + " and not acknowledged before it was lost; it is in doubt and is not re-sent");
        }
        if (node.poisonOnPeerLoss()) {
            LOG.log(Level.WARNING, "csp-net: lost peer " + peer + " of channel '" + h.name() + "' (" + why
                    + "); poisoning the channel");
            h.poison("lost peer " + peer + ": " + why);
        } else {
            LOG.log(Level.INFO, "csp-net: lost peer " + peer + " of channel '" + h.name() + "' (" + why + ")");
        }
    }

    @Override
    public void onCompleted() {
        finished = true;
        if (ended.compareAndSet(false, true)) {
            if (hosted != null) {
                stop(true);
            } else {
                out.complete();
            }
        }
    }

    /** Node shutdown: tell the end its home is going, then stop. */
    void shutdown() {
        if (ended.compareAndSet(false, true)) {
            finished = true;
            out.send(HomeFrame.newBuilder().setPoison(Poison.newBuilder()
                    .setReason("home node " + node.name() + " closed")).build());
            out.complete();
            if (hosted != null) {
                stop(false);
            }
        }
    }

    @Override
    public void beat(long now, long pingEvery, long timeout) {
        if (finished) {
            return;
        }
        if (now - lastHeard > timeout) {
            String why = "nothing heard from " + peer + " for " + timeout / 1_000_000 + " ms (peer timeout)";
            out.fail(Status.UNAVAILABLE.withDescription(why).asRuntimeException());
            lost(why);
        } else if (now - out.lastSent() >= pingEvery) {
            out.send(HomeFrame.newBuilder().setPing(Ping.getDefaultInstance()).build());
        }
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public String toString() {
        return "HomeLink[" + (hosted == null ? "?" : hosted.name()) + " for " + peer + "]";
    }
}
