package org.loomcsp;

import java.time.Duration;
import java.util.Objects;
import org.loomcsp.internal.channel.ChannelCore;
import org.loomcsp.internal.channel.PendingWrite;
import org.loomcsp.internal.deadlock.DeadlockDiagnosis;
import org.loomcsp.internal.trace.Hooks;

/**
 * A channel: the only way CSP processes share information.
 *
 * <p>{@code new Channel<>()} is python-csp's {@code Channel()}: <b>unbuffered</b> (a writer and a
 * reader meet: {@link #write(Object)} returns only after a reader has taken the value) and
 * <b>any-to-any</b> (any number of processes may read and write it; each value goes to exactly
 * one reader). Values pass by reference, so a channel can be sent over a channel. {@link
 * #buffered(int)} makes a channel with a buffer of a fixed size instead.
 *
 * <h2>Null</h2> Channels never carry {@code null}: {@code write(null)} throws {@link
 * NullPointerException}. That keeps {@code null} free to mean "nothing" in {@link #tryRead()} and
 * timed reads. Send an {@link java.util.Optional} or a sentinel object to signal "no value".
 *
 * <h2>Blocking and interruption</h2> {@code read} and {@code write} block, parking the
 * process (no spinning, no monitors: cheap on virtual threads). An interrupt cancels that one
 * operation and nothing else: a writer either delivered its value (and returns normally) or did
 * not (and gets {@link InterruptedException}); a reader either received a value or took none.
 *
 * <h2>Poison</h2> {@link #poison()} is idempotent. It wakes every blocked reader and writer of
 * the channel with {@link ChannelPoison}, and every later operation throws it. A writer whose
 * value was not taken gets {@code ChannelPoison}: it never returns as if delivered. Values still
 * in the buffer of a buffered channel are discarded by poison (poison is an immediate shutdown;
 * drain the channel first, or send an end-of-stream value, when they matter).
 *
 * <h2>Memory consistency</h2> Actions in a thread before it writes a value happen-before the
 * actions of the thread that reads that value, after its {@code read} returns; for an unbuffered
 * channel, actions of the reader before its read also happen-before the writer's return from
 * {@code write}.
 *
 * @param <T> the type of the values
 */
public final class Channel<T> implements ChannelInput<T>, ChannelOutput<T> {

    static {
        // csp-net's home serves remote ends without a thread (internal.channel.PendingWrite, PendingRead)
        PendingWrite.installCores(Channel::coreOf);
    }

    final ChannelCore core;

    /** Creates an unbuffered, any-to-any channel. */
    public Channel() {
        this(null, 0);
    }

    /** Creates an unbuffered, any-to-any channel with a name (for messages and traces). */
    public Channel(String name) {
        this(name, 0);
    }

    private Channel(String name, int capacity) {
        this.core = new ChannelCore(name, capacity);
    }

    /**
     * Creates a buffered channel: a write completes as soon as its value is in the buffer, and
     * blocks only while the buffer is full.
     *
     * @param capacity the buffer size, at least 1 ({@code 0} gives an unbuffered channel)
     * @throws IllegalArgumentException if {@code capacity < 0}
     */
    public static <T> Channel<T> buffered(int capacity) {
        return new Channel<>(null, capacity);
    }

    /** Creates a named buffered channel. */
    public static <T> Channel<T> buffered(String name, int capacity) {
        return new Channel<>(name, capacity);
    }

    /** The buffer size: 0 for an unbuffered channel. */
    public int capacity() {
        return core.capacity();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T read() throws InterruptedException {
        Object v;
        try {
            v = core.read(0);
        } catch (DeadlockDiagnosis d) {
            throw new DeadlockException(d.report(), d.cycle(), d.waits());
        }
        if (v == ChannelCore.POISONED) {
            throw poisoned();
        }
        if (Hooks.ON) {
            Hooks.read(core, v);
        }
        return (T) v;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T read(Duration timeout) throws InterruptedException {
        Object v = core.read(deadline(timeout));
        if (v == ChannelCore.NONE) {
            return null;
        }
        if (v == ChannelCore.POISONED) {
            throw poisoned();
        }
        if (Hooks.ON) {
            Hooks.read(core, v);
        }
        return (T) v;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T tryRead() {
        Object v = core.tryRead();
        if (v == ChannelCore.NONE) {
            return null;
        }
        if (v == ChannelCore.POISONED) {
            throw poisoned();
        }
        if (Hooks.ON) {
            Hooks.read(core, v);
        }
        return (T) v;
    }

    @Override
    public void write(T value) throws InterruptedException {
        int r;
        try {
            r = core.write(requireValue(value), 0);
        } catch (DeadlockDiagnosis d) {
            throw new DeadlockException(d.report(), d.cycle(), d.waits());
        }
        if (r == ChannelCore.WRITE_POISONED) {
            throw poisoned();
        }
        if (Hooks.ON) {
            Hooks.write(core, value);
        }
    }

    @Override
    public boolean write(T value, Duration timeout) throws InterruptedException {
        boolean ok = written(core.write(requireValue(value), deadline(timeout)));
        if (ok && Hooks.ON) {
            Hooks.write(core, value);
        }
        return ok;
    }

    @Override
    public boolean tryWrite(T value) {
        boolean ok = written(core.tryWrite(requireValue(value)));
        if (ok && Hooks.ON) {
            Hooks.write(core, value);
        }
        return ok;
    }

    @Override
    public OutputGuard<T> writeGuard(T value) {
        return new OutputGuard<>(this, value);
    }

    /**
     * Poisons the channel. Idempotent. Every process blocked on it, reading or writing, wakes
     * with {@link ChannelPoison}, and so does every later operation on it.
     */
    @Override
    public void poison() {
        if (Hooks.ON && !core.isPoisoned()) {
            Hooks.poison(core);
        }
        core.poison();
    }

    @Override
    public boolean isPoisoned() {
        return core.isPoisoned();
    }

    /** The name given at construction, or {@code Channel-<n>}. */
    @Override
    public String getName() {
        return core.name();
    }

    /**
     * This channel itself.
     *
     * @deprecated only a {@code Channel} can answer this; a one-sided view throws (see {@link
     *     ChannelInput#channel()}). Keep the {@code Channel} where both sides are needed.
     */
    @Deprecated(since = "0.1")
    @Override
    public Channel<T> channel() {
        return this;
    }

    /** A view of this channel that can only read. */
    public ChannelInput<T> reader() {
        return new Reader<>(this);
    }

    /** A view of this channel that can only write. */
    public ChannelOutput<T> writer() {
        return new Writer<>(this);
    }

    @Override
    public String toString() {
        return getName();
    }

    /** The engine reports poison as a status (internal.channel.ChannelCore); this is the API's. */
    private ChannelPoison poisoned() {
        return new ChannelPoison(core.name());
    }

    private boolean written(int status) {
        if (status == ChannelCore.WRITE_POISONED) {
            throw poisoned();
        }
        return status == ChannelCore.WRITTEN;
    }

    /** The machinery behind a channel end (package-private: the ends do not hand it out). */
    static ChannelCore coreOf(Object end) {
        return switch (end) {
            case Channel<?> c -> c.core;
            case End<?> e -> e.channel.core;
            default -> throw new IllegalArgumentException("not a channel end: " + end);
        };
    }

    private static <T> T requireValue(T value) {
        return Objects.requireNonNull(value,
                "loomcsp channels do not carry null; send an Optional or a sentinel object");
    }

    private static long deadline(Duration timeout) {
        long ns;
        try {
            ns = Objects.requireNonNull(timeout, "timeout").toNanos();
        } catch (ArithmeticException e) {
            ns = timeout.isNegative() ? -1 : Long.MAX_VALUE / 2;
        }
        if (ns <= 0) {
            ns = 0;
        }
        long d = System.nanoTime() + ns;
        return d == 0 ? 1 : d; // 0 means "no deadline" to the core
    }

    /** What both one-sided views share: the channel they stand for. */
    abstract static class End<T> {
        final Channel<T> channel;

        End(Channel<T> channel) {
            this.channel = channel;
        }

        public void poison() {
            channel.poison();
        }

        public boolean isPoisoned() {
            return channel.isPoisoned();
        }

        public String getName() {
            return channel.getName();
        }

        /** A view does not hand out its channel: that would give it the other side. */
        @Deprecated(since = "0.1")
        public Channel<T> channel() {
            throw new UnsupportedOperationException("Channel " + channel.getName() + ": a "
                    + side() + " view cannot hand out its channel (that would let it use the"
                    + " other side). Keep the Channel itself where both sides are needed.");
        }

        abstract String side();
    }

    /** The read-only view of a channel. */
    static final class Reader<T> extends End<T> implements ChannelInput<T> {
        Reader(Channel<T> channel) {
            super(channel);
        }

        @Override
        public T read() throws InterruptedException {
            return channel.read();
        }

        @Override
        public T read(Duration timeout) throws InterruptedException {
            return channel.read(timeout);
        }

        @Override
        public T tryRead() {
            return channel.tryRead();
        }

        @Override
        String side() {
            return "read-only";
        }

        @Override
        public String toString() {
            return channel + "?";
        }
    }

    /** The write-only view of a channel. */
    static final class Writer<T> extends End<T> implements ChannelOutput<T> {
        Writer(Channel<T> channel) {
            super(channel);
        }

        @Override
        public void write(T value) throws InterruptedException {
            channel.write(value);
        }

        @Override
        public boolean write(T value, Duration timeout) throws InterruptedException {
            return channel.write(value, timeout);
        }

        @Override
        public boolean tryWrite(T value) {
            return channel.tryWrite(value);
        }

        @Override
        public OutputGuard<T> writeGuard(T value) {
            return new OutputGuard<>(this, value);
        }

        @Override
        String side() {
            return "write-only";
        }

        @Override
        public String toString() {
            return channel + "!";
        }
    }
}
