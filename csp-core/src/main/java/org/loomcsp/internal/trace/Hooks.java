package org.loomcsp.internal.trace;

import org.loomcsp.internal.channel.ChannelCore;

/**
 * The instrumentation points of the runtime. Every hook site in the core reads {@link #ON}
 * (one volatile read, no allocation) and calls a method here only when it is set: when a
 * tracer is active or a JFR recording has a loomcsp event enabled.
 */
/*
 * ON = (sink != null) || jfr. 'sink' is set by the public Tracer; 'jfr' by JfrSupport's
 * FlightRecorderListener whenever a recording starts or stops. The slow paths below then check
 * each consumer separately (and, for JFR, each event type's own enablement).
 */
public final class Hooks {

    /** Whether any consumer wants events. */
    public static volatile boolean ON;

    private static volatile TraceSink sink;
    private static volatile boolean jfr;

    static {
        JfrSupport.install();
    }

    private Hooks() {}

    /** Installs (or with {@code null} removes) the tracer's sink. */
    public static void setSink(TraceSink s) {
        sink = s;
        refresh();
    }

    static void setJfr(boolean on) {
        jfr = on;
        refresh();
    }

    private static void refresh() {
        ON = sink != null || jfr;
    }

    /** A process begins running its body (on its own thread). */
    public static void processStart(ProcessEntry p) {
        TraceSink s = sink;
        if (s != null) {
            s.event(p.pid(), p.name(), "start", 0, null, p.typeName());
        }
        if (jfr) {
            JfrSupport.processStart(p);
        }
    }

    /** A process ends; {@code how} is normal, poisoned, terminated or failed. */
    public static void processEnd(ProcessEntry p, String how) {
        TraceSink s = sink;
        if (s != null) {
            s.event(p.pid(), p.name(), "end", 0, null, how);
        }
        if (jfr) {
            JfrSupport.processEnd(p, how);
        }
    }

    /** The current thread read {@code v} from {@code c}. */
    public static void read(ChannelCore c, Object v) {
        communication("read", c, v);
    }

    /** The current thread wrote {@code v} to {@code c}. */
    public static void write(ChannelCore c, Object v) {
        communication("write", c, v);
    }

    /**
     * A read or write made by {@code who} earlier and completed now on the current thread (a
     * pending channel operation, decided by its partner): recorded under {@code who}, with no
     * process id, not under the current thread's process.
     */
    public static void communicationBy(String who, String kind, ChannelCore c, Object v) {
        TraceSink s = sink;
        if (s != null) {
            s.event(0, who, kind, c.id(), c.name(), String.valueOf(v));
        }
        if (jfr) {
            JfrSupport.communication(who, kind, c, v);
        }
    }

    /** How events of the current thread are attributed: its process's name, or "thread:" and its name. */
    public static String currentName() {
        return name(Registry.current());
    }

    private static void communication(String kind, ChannelCore c, Object v) {
        TraceSink s = sink;
        ProcessEntry p = Registry.current();
        if (s != null) {
            s.event(pid(p), name(p), kind, c.id(), c.name(), String.valueOf(v));
        }
        if (jfr) {
            JfrSupport.communication(name(p), kind, c, v);
        }
    }

    /**
     * The current thread's Alt selected guard {@code index}.
     *
     * @param guard a description of the guard
     * @param c the channel of the guard, or {@code null} (Skip, Timer)
     * @param direction read or write for a channel guard, else the guard kind
     * @param value what the selection returned
     */
    public static void select(int index, String guard, ChannelCore c, String direction,
            Object value) {
        TraceSink s = sink;
        ProcessEntry p = Registry.current();
        if (s != null) {
            s.event(pid(p), name(p), "select", c == null ? 0 : c.id(),
                    c == null ? null : c.name(),
                    "guard=" + index + " " + direction + (c == null ? "" : " " + value));
        }
        if (jfr) {
            JfrSupport.select(name(p), index, guard, c, direction);
        }
    }

    /** The current thread poisons {@code c} (which was not poisoned yet). */
    public static void poison(ChannelCore c) {
        TraceSink s = sink;
        ProcessEntry p = Registry.current();
        if (s != null) {
            s.event(pid(p), name(p), "poison", c.id(), c.name(), "");
        }
        if (jfr) {
            JfrSupport.poison(name(p), c);
        }
    }

    private static long pid(ProcessEntry p) {
        return p == null ? 0 : p.pid();
    }

    private static String name(ProcessEntry p) {
        return p == null ? "thread:" + Thread.currentThread().getName() : p.name();
    }
}
