package org.loomcsp.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CSP network learned from a trace: its processes, its channels with the processes that wrote
 * and read each, and each process's own sequence of channel events. Exports the network as a
 * Graphviz DOT picture ({@link #toDot()}) and as a CSPm skeleton for the FDR model checker
 * ({@link #toCspm()}).
 *
 * <p>Get one from a live {@link Tracer#model()} or from a trace file with {@link #read(Path)}.
 */
/*
 * Processes are keyed by "pid:name" (pid 0 for threads that are not processes), channels by
 * their id. A select on a channel guard counts as a read or write of that channel. The per-process
 * event list keeps the first MAX_EVENTS channel events, enough for a skeleton.
 */
public final class TraceModel {

    /** Channel events kept per process for the CSPm skeleton. */
    public static final int MAX_EVENTS = 64;

    /** A process (or non-process thread) seen in the trace. */
    public static final class ProcessInfo {
        private final long pid;
        private final String name;
        private final List<String> channelEvents = new ArrayList<>();
        private final Set<Long> channels = new LinkedHashSet<>();
        private boolean truncated;
        private String outcome;

        ProcessInfo(long pid, String name) {
            this.pid = pid;
            this.name = name;
        }

        /** The pid, 0 for a thread that is not a process. */
        public long pid() {
            return pid;
        }

        /** The process name ({@code thread:<name>} for other threads). */
        public String name() {
            return name;
        }

        /** How it ended (normal, poisoned, terminated, failed), or null if not seen ending. */
        public String outcome() {
            return outcome;
        }

        /** Its channel events, {@code channel!} for a write and {@code channel?} for a read. */
        public List<String> channelEvents() {
            return List.copyOf(channelEvents);
        }

        ProcessInfo copy() {
            ProcessInfo p = new ProcessInfo(pid, name);
            p.channelEvents.addAll(channelEvents);
            p.channels.addAll(channels);
            p.truncated = truncated;
            p.outcome = outcome;
            return p;
        }
    }

    /** A channel seen in the trace. */
    public static final class ChannelInfo {
        private final long id;
        private final String name;
        private final Set<String> writers = new LinkedHashSet<>();
        private final Set<String> readers = new LinkedHashSet<>();
        private boolean poisoned;

        ChannelInfo(long id, String name) {
            this.id = id;
            this.name = name;
        }

        /** The channel's runtime id. */
        public long id() {
            return id;
        }

        /** The channel's name. */
        public String name() {
            return name;
        }

        /** Names of the processes that wrote to it. */
        public Set<String> writers() {
            return Set.copyOf(writers);
        }

        /** Names of the processes that read from it. */
        public Set<String> readers() {
            return Set.copyOf(readers);
        }

        /** Whether it was poisoned. */
        public boolean poisoned() {
            return poisoned;
        }

        ChannelInfo copy() {
            ChannelInfo c = new ChannelInfo(id, name);
            c.writers.addAll(writers);
            c.readers.addAll(readers);
            c.poisoned = poisoned;
            return c;
        }
    }

    private final Map<String, ProcessInfo> processes = new LinkedHashMap<>();
    private final Map<Long, ChannelInfo> channels = new LinkedHashMap<>();
    private long events;

    /** An empty model. */
    public TraceModel() {}

    /**
     * Reads a trace file written by {@link Tracer}: lines starting with {@code #} are comments;
     * every other line is {@code seq TAB nanos TAB pid TAB process TAB event TAB channel-id TAB
     * channel TAB detail}.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if a line does not have the eight fields
     */
    public static TraceModel read(Path file) throws IOException {
        TraceModel m = new TraceModel();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", 8);
            if (f.length < 8) {
                throw new IllegalArgumentException(file + ":" + n + ": expected 8 tab-separated"
                        + " fields, found " + f.length);
            }
            m.accept(Long.parseLong(f[2]), f[3], f[4], Long.parseLong(f[5]), f[6], f[7]);
        }
        return m;
    }

    /** Adds one event (the fields of a trace line after seq and nanos). */
    void accept(long pid, String process, String kind, long channelId, String channel,
            String detail) {
        events++;
        ProcessInfo p = processes.computeIfAbsent(pid + ":" + process,
                k -> new ProcessInfo(pid, process));
        String dir = kind;
        if (kind.equals("select")) {
            String[] parts = detail.split(" ", 3);
            dir = parts.length > 1 ? parts[1] : "";
        }
        switch (kind) {
            case "end" -> p.outcome = detail;
            case "poison" -> channel(channelId, channel).poisoned = true;
            default -> { }
        }
        if (channelId != 0 && (dir.equals("read") || dir.equals("write"))) {
            ChannelInfo c = channel(channelId, channel);
            (dir.equals("read") ? c.readers : c.writers).add(process);
            p.channels.add(channelId);
            if (p.channelEvents.size() < MAX_EVENTS) {
                p.channelEvents.add(channel + (dir.equals("read") ? "?" : "!"));
            } else {
                p.truncated = true;
            }
        }
    }

    private ChannelInfo channel(long id, String name) {
        return channels.computeIfAbsent(id, k -> new ChannelInfo(id, name));
    }

    TraceModel copy() {
        TraceModel m = new TraceModel();
        processes.forEach((k, v) -> m.processes.put(k, v.copy()));
        channels.forEach((k, v) -> m.channels.put(k, v.copy()));
        m.events = events;
        return m;
    }

    /** The processes, in order of first appearance. */
    public Collection<ProcessInfo> processes() {
        return List.copyOf(processes.values());
    }

    /** The channels, in order of first appearance. */
    public Collection<ChannelInfo> channels() {
        return List.copyOf(channels.values());
    }

    /** The number of events the model was built from. */
    public long eventCount() {
        return events;
    }

    /**
     * The network as a Graphviz DOT digraph: one box per process, one edge from each writer to
     * each reader of a channel, labelled with the channel's name (red and dashed if it was
     * poisoned). A channel with writers but no readers, or readers but no writers, is drawn as a
     * point so that its edges still show.
     */
    public String toDot() {
        StringBuilder b = new StringBuilder("digraph loomcsp {\n  rankdir=LR;\n"
                + "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
                + "  edge [fontname=\"Helvetica\", fontsize=10];\n");
        Map<String, String> ids = new HashMap<>();
        int i = 0;
        for (ProcessInfo p : processes.values()) {
            String id = "p" + (++i);
            ids.put(p.name, id);
            b.append("  ").append(id).append(" [label=").append(dotString(p.name))
                    .append(p.pid == 0 ? ", style=dashed" : "").append("];\n");
        }
        for (ChannelInfo c : channels.values()) {
            String style = c.poisoned ? ", color=red, style=dashed" : "";
            if (c.writers.isEmpty() || c.readers.isEmpty()) {
                String cid = "c" + c.id;
                b.append("  ").append(cid).append(" [shape=point, xlabel=")
                        .append(dotString(c.name)).append("];\n");
                for (String w : c.writers) {
                    b.append("  ").append(ids.get(w)).append(" -> ").append(cid)
                            .append(" [label=").append(dotString(c.name)).append(style)
                            .append("];\n");
                }
                for (String r : c.readers) {
                    b.append("  ").append(cid).append(" -> ").append(ids.get(r))
                            .append(" [label=").append(dotString(c.name)).append(style)
                            .append("];\n");
                }
                continue;
            }
            for (String w : c.writers) {
                for (String r : c.readers) {
                    b.append("  ").append(ids.get(w)).append(" -> ").append(ids.get(r))
                            .append(" [label=").append(dotString(c.name)).append(style)
                            .append("];\n");
                }
            }
        }
        return b.append("}\n").toString();
    }

    /**
     * A CSPm skeleton of the network for the FDR refinement checker: a {@code channel}
     * declaration per channel (without data types), each process's alphabet, one equation per
     * process that is the sequence of channel events it was seen to perform (ending in {@code
     * SKIP} if it ended, {@code STOP} otherwise), the alphabetised parallel composition of all
     * of them as {@code SYSTEM}, and a deadlock-freedom assertion. Threads that are not
     * processes are included as processes. Generalise the equations (recursion, choice, data)
     * before checking anything interesting.
     */
    public String toCspm() {
        Map<Long, String> chanNames = new HashMap<>();
        Set<String> used = new HashSet<>();
        for (ChannelInfo c : channels.values()) {
            chanNames.put(c.id, unique(ident(c.name, false), used));
        }
        Map<String, String> chanByText = new HashMap<>();
        for (ChannelInfo c : channels.values()) {
            chanByText.putIfAbsent(c.name, chanNames.get(c.id));
        }
        StringBuilder b = new StringBuilder();
        b.append("-- CSPm skeleton of a loomcsp network, learned from a trace of ").append(events)
                .append(" events.\n-- Each equation is the sequence of events one process was"
                        + " seen to perform;\n-- generalise it (recursion, choice, data) before"
                        + " checking properties with FDR.\n\n");
        if (!chanNames.isEmpty()) {
            b.append("channel ").append(String.join(", ", chanNames.values())).append("\n\n");
        }
        List<String> procNames = new ArrayList<>();
        List<String> alphas = new ArrayList<>();
        for (ProcessInfo p : processes.values()) {
            String pn = unique(ident(p.name, true), used);
            String an = unique("A_" + pn, used);
            procNames.add(pn);
            alphas.add(an);
            List<String> cs = new ArrayList<>();
            for (long id : p.channels) {
                cs.add(chanNames.get(id));
            }
            b.append("-- ").append(p.name).append(p.pid == 0 ? " (not a process)" : " (pid "
                    + p.pid + ")").append('\n');
            b.append(an).append(" = ").append(cs.isEmpty() ? "{}"
                    : "{| " + String.join(", ", cs) + " |}").append('\n');
            b.append(pn).append(" = ");
            for (String e : p.channelEvents) {
                String text = e.substring(0, e.length() - 1);
                b.append(chanByText.getOrDefault(text, ident(text, false))).append(" -> ");
            }
            b.append(p.truncated ? "STOP -- (trace truncated)" : p.outcome != null ? "SKIP"
                    : "STOP").append("\n\n");
        }
        b.append("SYSTEM = ").append(parallel(procNames, alphas, 0)).append("\n\n");
        b.append("assert SYSTEM :[deadlock free [F]]\n");
        return b.toString();
    }

    private static String parallel(List<String> ps, List<String> as, int from) {
        if (ps.isEmpty()) {
            return "SKIP";
        }
        if (from == ps.size() - 1) {
            return ps.get(from);
        }
        String rest = parallel(ps, as, from + 1);
        String restAlpha = from + 1 == ps.size() - 1 ? as.get(from + 1)
                : "Union({" + String.join(", ", as.subList(from + 1, as.size())) + "})";
        return ps.get(from) + " [" + as.get(from) + " || " + restAlpha + "] ("
                + rest + ")";
    }

    private static String ident(String s, boolean upper) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            b.append(Character.isLetterOrDigit(ch) && ch < 128 ? ch : '_');
        }
        if (b.isEmpty() || !Character.isLetter(b.charAt(0))) {
            b.insert(0, upper ? "P_" : "c_");
        }
        String r = b.toString();
        return upper ? r.toUpperCase(java.util.Locale.ROOT) : r;
    }

    private static String unique(String s, Set<String> used) {
        String r = s;
        for (int i = 2; !used.add(r); i++) {
            r = s + "_" + i;
        }
        return r;
    }

    private static String dotString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
