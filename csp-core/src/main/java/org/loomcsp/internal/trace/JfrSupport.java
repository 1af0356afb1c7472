package org.loomcsp.internal.trace;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import org.loomcsp.internal.channel.ChannelCore;

/**
 * JDK Flight Recorder events of loomcsp (category "loomcsp"), and the listener that turns
 * {@link Hooks#ON} on while a recording enables any of them.
 */
/*
 * Cost when no recording runs: the hook sites read Hooks.ON (false) and nothing here is reached.
 * While a recording runs with a loomcsp event enabled, each hook allocates its event and commits
 * it only if shouldCommit() (per-type enablement and threshold).
 */
public final class JfrSupport {

    /** Longest value text put into an event. */
    static final int MAX_VALUE = 120;

    private static final Class<?>[] TYPES = {ProcessStart.class, ProcessEnd.class,
        Communication.class, AltSelect.class, Poison.class, Deadlock.class};

    private JfrSupport() {}

    static void install() {
        try {
            if (!FlightRecorder.isAvailable()) {
                return;
            }
            FlightRecorder.addListener(new FlightRecorderListener() {
                @Override
                public void recordingStateChanged(Recording recording) {
                    Hooks.setJfr(anyEnabled());
                }

                @Override
                public void recorderInitialized(FlightRecorder recorder) {
                    Hooks.setJfr(anyEnabled());
                }
            });
        } catch (RuntimeException | LinkageError e) {
            // JFR unavailable in this runtime: no events, no cost.
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean anyEnabled() {
        for (Class<?> c : TYPES) {
            if (EventType.getEventType((Class<? extends Event>) c).isEnabled()) {
                return true;
            }
        }
        return false;
    }

    static void processStart(ProcessEntry p) {
        ProcessStart e = new ProcessStart();
        if (e.shouldCommit()) {
            e.process = p.name();
            e.pid = p.pid();
            e.commit();
        }
    }

    static void processEnd(ProcessEntry p, String how) {
        ProcessEnd e = new ProcessEnd();
        if (e.shouldCommit()) {
            e.process = p.name();
            e.pid = p.pid();
            e.outcome = how;
            e.commit();
        }
    }

    static void communication(String process, String direction, ChannelCore c, Object v) {
        Communication e = new Communication();
        if (e.shouldCommit()) {
            e.process = process;
            e.channel = c.name();
            e.direction = direction;
            e.value = clip(String.valueOf(v));
            e.commit();
        }
    }

    static void select(String process, int index, String guard, ChannelCore c, String dir) {
        AltSelect e = new AltSelect();
        if (e.shouldCommit()) {
            e.process = process;
            e.guardIndex = index;
            e.guard = guard;
            e.channel = c == null ? null : c.name();
            e.direction = dir;
            e.commit();
        }
    }

    static void poison(String process, ChannelCore c) {
        Poison e = new Poison();
        if (e.shouldCommit()) {
            e.process = process;
            e.channel = c.name();
            e.commit();
        }
    }

    /** Emits the deadlock event (called by the detector whether or not Hooks.ON). */
    public static void deadlock(String report, String cycle, int blocked) {
        try {
            Deadlock e = new Deadlock();
            if (e.shouldCommit()) {
                e.report = report;
                e.cycle = cycle;
                e.blockedProcesses = blocked;
                e.commit();
            }
        } catch (LinkageError e) {
            // no JFR in this runtime
        }
    }

    private static String clip(String s) {
        return s.length() <= MAX_VALUE ? s : s.substring(0, MAX_VALUE) + "...";
    }

    /** A process began its body. */
    @Name("loomcsp.ProcessStart")
    @Label("CSP Process Start")
    @Category("loomcsp")
    @StackTrace(false)
    static final class ProcessStart extends Event {
        @Label("Process")
        String process;
        @Label("PID")
        long pid;
    }

    /** A process ended. */
    @Name("loomcsp.ProcessEnd")
    @Label("CSP Process End")
    @Category("loomcsp")
    @StackTrace(false)
    static final class ProcessEnd extends Event {
        @Label("Process")
        String process;
        @Label("PID")
        long pid;
        @Label("Outcome")
        @Description("normal, poisoned, terminated or failed")
        String outcome;
    }

    /** One side of a channel communication (a completed read or write). */
    @Name("loomcsp.ChannelCommunication")
    @Label("CSP Channel Communication")
    @Category("loomcsp")
    @StackTrace(false)
    static final class Communication extends Event {
        @Label("Process")
        String process;
        @Label("Channel")
        String channel;
        @Label("Direction")
        String direction;
        @Label("Value")
        String value;
    }

    /** An Alt selected a guard. */
    @Name("loomcsp.AltSelect")
    @Label("CSP Alt Selection")
    @Category("loomcsp")
    @StackTrace(false)
    static final class AltSelect extends Event {
        @Label("Process")
        String process;
        @Label("Guard Index")
        int guardIndex;
        @Label("Guard")
        String guard;
        @Label("Channel")
        String channel;
        @Label("Direction")
        String direction;
    }

    /** A channel was poisoned. */
    @Name("loomcsp.Poison")
    @Label("CSP Channel Poisoned")
    @Category("loomcsp")
    static final class Poison extends Event {
        @Label("Process")
        String process;
        @Label("Channel")
        String channel;
    }

    /** Deadlock detection found every live process blocked. */
    @Name("loomcsp.Deadlock")
    @Label("CSP Deadlock")
    @Category("loomcsp")
    static final class Deadlock extends Event {
        @Label("Report")
        String report;
        @Label("Cycle")
        String cycle;
        @Label("Blocked Processes")
        int blockedProcesses;
    }
}
