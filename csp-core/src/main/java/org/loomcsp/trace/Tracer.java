package org.loomcsp.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.loomcsp.Csp;
import org.loomcsp.internal.trace.Hooks;
import org.loomcsp.internal.trace.Registry;
import org.loomcsp.internal.trace.TraceSink;

/**
 * Records the CSP trace of a run: python-csp's {@code csptrace()}, working.
 *
 * <pre>{@code
 * try (Tracer t = Tracer.start(Path.of("run.trace"))) {
 *     Csp.run(producer, consumer);
 * }                                        // the file is complete here
 * TraceModel m = TraceModel.read(Path.of("run.trace"));
 * Files.writeString(Path.of("run.dot"), m.toDot());
 * }</pre>
 *
 * <p>While a tracer is active, every process start and end, every completed channel read and
 * write, every Alt selection and every poisoning is recorded with the process that did it (the
 * process whose thread acted, or {@code thread:<name>} for a thread that is not a process), the
 * channel, a timestamp and the value. The file format, one event per line, is described in
 * {@code docs/tracing.md} and on {@link TraceModel#read(Path)}. At most one tracer is active at
 * a time.
 *
 * <p>With {@link #start(Path, boolean) serversRunOneStep}, {@link Csp#setTraceMode(boolean)
 * trace mode} is on while the tracer is active, so that every server runs one step and ends, as
 * under python-csp's tracer: a finite trace from a network of infinite servers.
 *
 * <p>Cost: while no tracer (and no JFR recording of loomcsp events) is active, each
 * instrumented operation reads one volatile boolean; nothing is allocated. While active, each
 * event takes a lock and formats a line: tracing is for diagnosis, not production.
 */
/*
 * Events are numbered and written under one ReentrantLock, so the file order is the numbering
 * order, and each process's own events appear in its program order. The two sides of one
 * rendezvous are two lines (a write and a read) in either order.
 */
public final class Tracer implements AutoCloseable {

    private static final AtomicReference<Tracer> ACTIVE = new AtomicReference<>();
    /** Longest value text written to a trace line. */
    static final int MAX_VALUE = 200;

    private final ReentrantLock lock = new ReentrantLock();
    private final BufferedWriter out;
    private final TraceModel model = new TraceModel();
    private final long t0 = System.nanoTime();
    private final boolean oneStep;
    private final boolean previousTraceMode;
    private long seq;
    private boolean closed;
    private IOException failure;

    private Tracer(BufferedWriter out, boolean oneStep) {
        this.out = out;
        this.oneStep = oneStep;
        this.previousTraceMode = Csp.traceMode();
    }

    /** Starts tracing to {@code file} (created or truncated). */
    public static Tracer start(Path file) throws IOException {
        return start(file, false);
    }

    /**
     * Starts tracing to {@code file}, or only to memory if {@code file} is {@code null}.
     *
     * @param serversRunOneStep turn on {@link Csp#setTraceMode(boolean) trace mode} while tracing
     * @throws IllegalStateException if another tracer is active
     */
    public static Tracer start(Path file, boolean serversRunOneStep) throws IOException {
        BufferedWriter w = null;
        if (file != null) {
            w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            w.write("# loomcsp trace v1: seq\tnanos\tpid\tprocess\tevent\tchannel-id\tchannel"
                    + "\tdetail\n");
        }
        Tracer t = new Tracer(w, serversRunOneStep);
        if (!ACTIVE.compareAndSet(null, t)) {
            if (w != null) {
                w.close();
            }
            throw new IllegalStateException("a Tracer is already active; close it first");
        }
        if (serversRunOneStep) {
            Csp.setTraceMode(true);
        }
        Registry.setTracing(true);
        Hooks.setSink(t.new Sink());
        return t;
    }

    /** Starts tracing to memory only: read the result with {@link #model()}. */
    public static Tracer startInMemory() {
        try {
            return start(null, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a tracer is active. */
    public static boolean isActive() {
        return ACTIVE.get() != null;
    }

    /** What has been recorded so far: the network and each process's events. */
    public TraceModel model() {
        lock.lock();
        try {
            return model.copy();
        } finally {
            lock.unlock();
        }
    }

    /** The number of events recorded so far. */
    public long events() {
        lock.lock();
        try {
            return seq;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops tracing and closes the file. Idempotent.
     *
     * @throws UncheckedIOException if writing the file failed at any point
     */
    @Override
    public void close() {
        if (!ACTIVE.compareAndSet(this, null)) {
            return;
        }
        Hooks.setSink(null);
        Registry.setTracing(false);
        if (oneStep) {
            Csp.setTraceMode(previousTraceMode);
        }
        lock.lock();
        try {
            closed = true;
            if (out != null) {
                try {
                    out.close();
                } catch (IOException e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            throw new UncheckedIOException("writing the trace failed", failure);
        }
    }

    private final class Sink implements TraceSink {
        @Override
        public void event(long pid, String process, String kind, long channelId, String channel,
                String detail) {
            String d = clean(detail, MAX_VALUE);
            String p = clean(process, Integer.MAX_VALUE);
            String c = channel == null ? "-" : clean(channel, Integer.MAX_VALUE);
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                // read under the lock, so timestamps never go backwards in file order when
                // processes on two carriers record at the same moment
                long now = System.nanoTime() - t0;
                long n = ++seq;
                model.accept(pid, p, kind, channelId, c, d);
                if (out != null && failure == null) {
                    try {
                        out.write(n + "\t" + now + "\t" + pid + "\t" + p + "\t" + kind + "\t"
                                + channelId + "\t" + c + "\t" + d + "\n");
                    } catch (IOException e) {
                        failure = e;
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Tabs, newlines and backslashes escaped; clipped to {@code max} characters. */
    static String clean(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 8);
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\\' -> b.append("\\\\");
                default -> b.append(ch);
            }
        }
        if (b.length() >= max && s.length() > max) {
            b.append("...");
        }
        return b.toString();
    }
}
