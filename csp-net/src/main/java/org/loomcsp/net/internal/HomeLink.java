package org.loomcsp.net.internal;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.loomcsp.internal.channel.ChannelCore;
import org.loomcsp.internal.channel.PendingRead;
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
 * The home's half of one remote end's stream, without a thread of its own: a writer end's values
 * are offered to the hosted channel as {@link PendingWrite}s, a reader end's requests as {@link
 * PendingRead}s, each answered by whichever thread decides it.
 */
/*
 * gRPC delivers the end's frames on its own thread (onNext, serially; must not block). Nothing
 * here blocks: every operation on the hosted channel is a pending one (ADR 0111).
 *
 * Writer end: a Send is offered on the gRPC thread as a PendingWrite (`pending`, under `lock`):
 * taken at once (Taken), poisoned (Poison), or queued among the channel's writers like a parked
 * writer. A reader that takes it runs the callback on its own thread, which answers Taken;
 * poison answers Poison; Cancel(seq) or the end of the stream withdraws it (cancel()) and
 * answers Cancelled if the withdrawal won, else the callback answers.
 *
 * Reader end: a Request is offered on the gRPC thread as a PendingRead (`asking`): served at once
 * by a waiting writer or the buffer (Deliver), poisoned (Poison), or queued among the channel's
 * readers. A writer that hands it a value runs the callback on its own thread, which sends
 * Deliver; Cancel(seq) or the end of the stream withdraws it as above. The value delivered is
 * kept (`inFlight`) until Received. (Before, an agent thread per reader end blocked in read().)
 *
 * So every Send and every Request gets exactly one of Taken / Deliver, Cancelled, Rejected or
 * Poison; seqs must grow (a repeated seq is ignored), so a value is written to the channel at
 * most once and delivered at most once. A Send or Request that comes before the answer to the
 * previous one (a client that breaks the one-in-flight rule) is Rejected, not queued.
 *
 * Where a value taken for a reader end can be: (a) in the callback, before Deliver went out: if
 * the stream is over by then (Outbox.send fails), the value never left and is written back into
 * the hosted channel (a PendingWrite, at the back of its writers); (b) delivered, not yet
 * Received (`inFlight`): an orderly close puts it back the same way; a lost end leaves it in
 * doubt (logged, never re-sent); (c) Received: gone. An orderly close with a pending operation
 * that lost its withdrawal to a partner waits for that callback's answer (`closeAfterAnswer`,
 * `answering`), then puts back and completes the stream: the answer is never cut off by the
 * completion. An operation stops being in flight before its answer is sent (the end may send the
 * next one the moment it has the answer).
 *
 * A lost end (broken stream, or silent for the peer timeout) poisons the hosted channel when the
 * node's poisonOnPeerLoss is set (the default): a node that dies is then like a process that
 * fails, whose channels are poisoned so that nobody waits for it for ever.
 */
final class HomeLink implements StreamObserver<EndFrame>, Beating {
    private static final System.Logger LOG = System.getLogger("org.loomcsp.net");

    private final Node node;
    private final Outbox<HomeFrame> out;
    private final String address;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean poisonAnswered = new AtomicBoolean();
    // the highest seq accepted
    private final java.util.concurrent.atomic.AtomicLong lastSeq = new java.util.concurrent.atomic.AtomicLong();
    private volatile long lastHeard = System.nanoTime();
    private volatile boolean finished;
    private volatile String peer;
    private volatile Hosted hosted;
    private Role role; // written once on the gRPC thread before hosted
    // guarded by lock
    private long started; // the last seq begun
    private long cancelled; // a seq cancelled before it was begun
    private boolean stopping;
    private boolean closeAfterAnswer;
    private int answering; // answers being sent for operations no longer in flight
    private Object inFlight;
    private long inFlightSeq;
    private Offer pending; // a writer end's Send waiting in the hosted channel
    private Ask asking; // a reader end's Request waiting in the hosted channel

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
                    ignored(f);
                }
            }
            case REQUEST -> {
                if (role == Role.READER) {
                    request(f.getRequest().getSeq());
                } else {
                    ignored(f);
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
                    answerPoison(h);
                }
            }
            default -> { /* PING */ }
        }
    }

    private void ignored(EndFrame f) {
        LOG.log(Level.WARNING, "csp-net: " + f.getKindCase() + " on a " + (role == null ? "unopened" : role)
                + " end from " + peer + " ignored");
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
        out.send(HomeFrame.newBuilder().setOpened(Opened.newBuilder().setNode(node.name())).build());
    }

    private void refuse(Status s) {
        finished = true;
        ended.set(true);
        out.fail(s.asRuntimeException());
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
     * Registers {@code op} as the end's operation in flight, under the lock: 0 if registered, -1
     * if it must be answered Cancelled (stopping, or cancelled before it came), else the seq of
     * the operation already in flight (the new one is Rejected).
     */
    private long begin(EndOp op) {
        lock.lock();
        try {
            started = op.seq();
            if (stopping || cancelled == op.seq()) {
                return -1;
            }
            EndOp busy = pending != null ? pending : asking;
            if (busy != null) {
                return busy.seq();
            }
            if (op instanceof Offer o) {
                pending = o;
            } else {
                asking = (Ask) op;
            }
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /** Answers a Send or Request that {@link #begin} did not register. */
    private void refused(long seq, long busy, String what) {
        if (busy < 0) {
            out.send(HomeFrame.newBuilder().setCancelled(Cancelled.newBuilder().setSeq(seq)).build());
        } else {
            out.send(HomeFrame.newBuilder().setRejected(Rejected.newBuilder().setSeq(seq)
                    .setReason("one value in flight per end: " + what + "(" + seq + ") came before the answer to "
                            + what + "(" + busy + "); wait for " + (what.equals("Send") ? "Taken" : "Deliver")
                            + ", Cancelled or Rejected before the next " + what)).build());
        }
    }

    /**
     * A Send on a writer end, on the gRPC thread: the value is offered to the hosted channel
     * without holding a thread ({@link PendingWrite}); Taken goes back when a reader takes it,
     * from the reader's thread, or Cancelled / Poison.
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
        long busy = begin(o);
        if (busy != 0) {
            refused(seq, busy, "Send");
            return;
        }
        // Taken at once: the reader that took the value was woken (inside offer) before Taken goes
        // out. The other order (answer first, wake after) was measured and was slower, likely
        // because the woken reader's head start puts it back in read() before the writer's next
        // Send arrives, so that Send is taken here too instead of queueing (docs/bench/net.md,
        // session 10).
        int r = o.offer();
        if (r == ChannelCore.WRITTEN) {
            answer(o, () -> out.send(HomeFrame.newBuilder().setTaken(Taken.newBuilder().setSeq(seq)).build()));
        } else if (r == ChannelCore.WRITE_POISONED) {
            answer(o, () -> answerPoison(h));
        }
        // PENDING: o.decided answers; NOT_WRITTEN: withdrawn by stop() first, which answered
    }

    /**
     * A Request on a reader end, on the gRPC thread: served at once if a writer or the buffer has
     * a value, else it waits in the hosted channel without holding a thread ({@link
     * PendingRead}) and the writer that serves it sends Deliver from its own thread.
     */
    private void request(long seq) {
        Hosted h = hosted;
        if (!accept(seq, "Request")) {
            return;
        }
        Ask a = new Ask(h, seq);
        long busy = begin(a);
        if (busy != 0) {
            refused(seq, busy, "Request");
            return;
        }
        Object r = a.offer();
        if (r == PendingRead.PENDING || r == ChannelCore.NONE) {
            return; // a.decided answers; NONE: withdrawn by stop() first, which answered
        }
        if (r == ChannelCore.POISONED) {
            answer(a, () -> answerPoison(h));
        } else {
            answer(a, () -> deliver(h, seq, r));
        }
    }

    /** The end's operation in flight: an {@link Offer} (Send) or an {@link Ask} (Request). */
    private interface EndOp {
        /** The seq it answers for. */
        long seq();

        /** Withdraws it (see {@code PendingWrite.cancel()}, {@code PendingRead.cancel()}). */
        boolean cancel();
    }

    /** A remote write waiting in the hosted channel's queue of writers. */
    private final class Offer extends PendingWrite implements EndOp {
        private final long seq;

        Offer(Hosted h, Object v, long seq) {
            super(h.channel(), v);
            this.seq = seq;
        }

        @Override
        public long seq() {
            return seq;
        }

        @Override
        protected void decided(boolean taken) {
            Hosted h = hosted;
            answer(this, () -> {
                if (!taken) {
                    answerPoison(h);
                } else if (!out.send(HomeFrame.newBuilder().setTaken(Taken.newBuilder().setSeq(seq)).build())) {
                    LOG.log(Level.WARNING, "csp-net: a value from " + peer + " was taken from '" + h.name()
                            + "' after its stream ended; the writer was told it is in doubt");
                }
            });
        }
    }

    /** A remote reader's request waiting in the hosted channel's queue of readers. */
    private final class Ask extends PendingRead implements EndOp {
        private final long seq;

        Ask(Hosted h, long seq) {
            super(h.channel());
            this.seq = seq;
        }

        @Override
        public long seq() {
            return seq;
        }

        @Override
        protected void decided(Object v) {
            Hosted h = hosted;
            answer(this, () -> {
                if (v == null) {
                    answerPoison(h);
                } else {
                    deliver(h, seq, v);
                }
            });
        }
    }

    /**
     * Answers a pending operation (its callback, or its withdrawal, or an immediate answer): it
     * stops being the end's operation in flight <em>before</em> the answer goes out (the end may
     * send its next Send or Request as soon as it has the answer), and an orderly close that
     * waited for this answer finishes after it.
     */
    private void answer(EndOp op, Runnable reply) {
        lock.lock();
        try {
            if (pending == op) {
                pending = null;
            }
            if (asking == op) {
                asking = null;
            }
            answering++;
        } finally {
            lock.unlock();
        }
        try {
            reply.run();
        } finally {
            boolean close;
            lock.lock();
            try {
                answering--;
                close = closeAfterAnswer && answering == 0 && pending == null && asking == null;
                if (close) {
                    closeAfterAnswer = false;
                }
            } finally {
                lock.unlock();
            }
            if (close) {
                closeNow();
            }
        }
    }

    private void cancel(long seq) {
        EndOp op = null;
        lock.lock();
        try {
            if (pending != null && pending.seq == seq) {
                op = pending;
            } else if (asking != null && asking.seq == seq) {
                op = asking;
            } else if (seq > started) {
                cancelled = seq;
            }
        } finally {
            lock.unlock();
        }
        if (op != null) {
            withdraw(op);
        }
    }

    /** Withdraws a pending operation; answers Cancelled if it won (else its callback answers). */
    private void withdraw(EndOp op) {
        if (op.cancel()) {
            answer(op, () -> out.send(HomeFrame.newBuilder().setCancelled(Cancelled.newBuilder().setSeq(op.seq())).build()));
        }
    }

    /**
     * Sends a value taken for the reader end, keeping it until Received. On the gRPC thread or
     * on the thread of the writer that served the request. If the stream is already over, the
     * value never left: it goes back into the hosted channel.
     */
    private void deliver(Hosted h, long seq, Object v) {
        byte[] bytes;
        try {
            bytes = h.codec().encode(v);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "csp-net: a value on '" + h.name() + "' cannot be encoded for "
                    + peer + " (" + e.getMessage() + "); poisoning the channel", e);
            h.poison("a value could not be encoded for " + peer + ": " + e.getMessage());
            answerPoison(h);
            return;
        }
        lock.lock();
        try {
            inFlight = v;
            inFlightSeq = seq;
        } finally {
            lock.unlock();
        }
        if (!out.send(HomeFrame.newBuilder().setDeliver(Deliver.newBuilder().setSeq(seq)
                .setPayload(ByteString.copyFrom(bytes))).build())) {
            lock.lock();
            try {
                if (inFlightSeq == seq) {
                    inFlight = null;
                    inFlightSeq = 0;
                }
            } finally {
                lock.unlock();
            }
            putBack(h, v);
        }
    }

    /**
     * Writes a value that did not reach the end back into the hosted channel, without a thread
     * (it queues at the back of the channel's writers); poison discards it, as it discards a
     * buffered channel's contents.
     */
    private void putBack(Hosted h, Object v) {
        new PendingWrite(h.channel(), v) {
            @Override
            protected void decided(boolean taken) {
                // taken by a reader, or discarded by poison: nothing to answer
            }
        }.offer();
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

    /**
     * The end is closing ({@code orderly}: it half-closed) or gone: withdraws the operation in
     * flight (a value not yet taken is not taken; Cancelled goes back before the end of the
     * stream). An orderly close then puts back a value delivered but not Received and completes
     * the stream, after the answer of an operation that could no longer be withdrawn.
     */
    private void stop(boolean orderly) {
        EndOp op;
        lock.lock();
        try {
            stopping = true;
            op = pending != null ? pending : asking;
        } finally {
            lock.unlock();
        }
        if (op != null) {
            withdraw(op);
        }
        if (!orderly) {
            return;
        }
        lock.lock();
        try {
            if (pending != null || asking != null || answering > 0) {
                closeAfterAnswer = true; // a callback is answering; answer() closes after it
                return;
            }
        } finally {
            lock.unlock();
        }
        closeNow();
    }

    /** After an orderly close: a value delivered but not taken at the end goes back; then the stream ends. */
    private void closeNow() {
        Object v;
        lock.lock();
        try {
            v = inFlight;
            inFlight = null;
            inFlightSeq = 0;
        } finally {
            lock.unlock();
        }
        Hosted h = hosted;
        if (v != null && h != null) {
            putBack(h, v);
        }
        out.complete();
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
