package org.loomcsp.internal.deadlock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loomcsp.internal.channel.ChannelCore;
import org.loomcsp.internal.trace.ProcessEntry;

/**
 * The human-readable diagnosis of a deadlock: what each blocked process waits on, and a cycle
 * in the wait-for graph if there is one.
 */
/*
 * Wait-for graph: an edge P -> Q, labelled with the wait, when P waits to read or write a channel
 * that Q knows (its body's captures, constructor arguments or uses(), as for poison), when P joins Q, or when P waits
 * on a barrier that Q knows and Q is not waiting on that barrier. The first cycle found by a
 * depth-first search in pid order (starting from the joined process) is reported. Channels a
 * process reaches only through some other object's field are unknown to this graph, hence "no
 * known partner".
 */
record Report(String text, List<String> cycle, Map<String, String> waits) {

    static Report of(Snapshot s, ProcessEntry joined) {
        List<Snapshot.Blocked> blocked = s.blocked();
        Map<Object, List<ProcessEntry>> knowers = new IdentityHashMap<>();
        for (Snapshot.Blocked b : blocked) {
            for (Object r : b.process().knownResources()) {
                knowers.computeIfAbsent(r, k -> new ArrayList<>()).add(b.process());
            }
        }
        Map<ProcessEntry, Snapshot.Blocked> byProcess = new IdentityHashMap<>();
        for (Snapshot.Blocked b : blocked) {
            byProcess.put(b.process(), b);
        }
        Map<ProcessEntry, List<Edge>> edges = new IdentityHashMap<>();
        Map<String, String> waits = new LinkedHashMap<>();
        StringBuilder sb = new StringBuilder();
        sb.append("Deadlock: all ").append(blocked.size())
                .append(" live processes are blocked in CSP operations and nothing else can"
                        + " make them move.\nBlocked processes:\n");
        for (Snapshot.Blocked b : blocked) {
            List<Edge> out = new ArrayList<>();
            String what = describe(b, knowers, byProcess, out);
            edges.put(b.process(), preferNonWaiters(b, out, byProcess));
            waits.put(b.process().name(), what);
            sb.append("  ").append(b.process().name()).append(" (pid ")
                    .append(b.process().pid()).append("): ").append(what).append('\n');
        }
        List<Edge> cycle = findCycle(blocked, joined, edges);
        List<String> names = new ArrayList<>();
        if (cycle != null) {
            sb.append("Cycle: ");
            for (Edge e : cycle) {
                names.add(e.from.name());
                sb.append(e.from.name()).append(" --").append(e.label).append("--> ");
            }
            sb.append(cycle.get(0).from.name()).append('\n');
        } else {
            String barrier = underEnrolledBarrier(blocked, knowers, byProcess);
            if (barrier != null) {
                sb.append(barrier);
            } else {
                sb.append("No cycle among known partners: some process waits on a channel that"
                        + " no other live process knows (its partner ended, or it reaches the"
                        + " channel through a field loomcsp cannot see, such as this.c or a"
                        + " static: pass it as an argument or to uses()).\n");
            }
        }
        return new Report(sb.toString(), List.copyOf(names), waits);
    }

    private record Edge(ProcessEntry from, ProcessEntry to, String label) {}

    /*
     * Which of several processes that know a channel is P's real partner? A channel shared by
     * more than two processes (dining philosophers sharing one put-down channel per fork) gives P
     * several candidates, and a depth-first search may then report a cycle through the wrong one
     * (issue 13: "phil-0 -> fork-1 -> phil-0", although fork-1 is held by phil-1). A candidate Q
     * that is itself blocked trying to communicate with P over another channel that P knows (and
     * P is not waiting on) is waiting for P, so it is not the one P waits for: such candidates
     * are dropped, for each of P's channels, when another candidate remains.
     */
    private static List<Edge> preferNonWaiters(Snapshot.Blocked b, List<Edge> out,
            Map<ProcessEntry, Snapshot.Blocked> byProcess) {
        Map<String, List<Edge>> byLabel = new LinkedHashMap<>();
        for (Edge e : out) {
            byLabel.computeIfAbsent(e.label, k -> new ArrayList<>()).add(e);
        }
        List<Object> pKnows = b.process().knownResources();
        List<ChannelCore> pWaits = b.channels();
        List<Edge> kept = new ArrayList<>();
        for (List<Edge> group : byLabel.values()) {
            List<Edge> better = new ArrayList<>();
            for (Edge e : group) {
                Snapshot.Blocked q = byProcess.get(e.to);
                boolean waitsForP = false;
                if (q != null) {
                    for (ChannelCore c : q.channels()) {
                        if (!pWaits.contains(c) && containsIdentity(pKnows, c)) {
                            waitsForP = true;
                        }
                    }
                }
                if (!waitsForP) {
                    better.add(e);
                }
            }
            kept.addAll(better.isEmpty() ? group : better);
        }
        return kept;
    }

    private static boolean containsIdentity(List<Object> l, Object o) {
        for (Object x : l) {
            if (x == o) {
                return true;
            }
        }
        return false;
    }

    /**
     * The explanation when processes wait on a barrier and no live process that knows it is
     * anywhere else: fewer live participants than enrolled ones (issue 13: such a report used
     * to blame "a channel that no other live process knows").
     */
    private static String underEnrolledBarrier(List<Snapshot.Blocked> blocked,
            Map<Object, List<ProcessEntry>> knowers, Map<ProcessEntry, Snapshot.Blocked> byProcess) {
        for (Snapshot.Blocked b : blocked) {
            if (!b.kind().equals("barrier")) {
                continue;
            }
            Object barrier = b.target();
            int waiting = 0;
            for (Snapshot.Blocked o : blocked) {
                if (o.kind().equals("barrier") && o.target() == barrier) {
                    waiting++;
                }
            }
            boolean othersKnow = false;
            for (ProcessEntry q : knowers.getOrDefault(barrier, List.of())) {
                Snapshot.Blocked qb = byProcess.get(q);
                if (qb != null && qb.target() != barrier) {
                    othersKnow = true;
                }
            }
            if (!othersKnow) {
                return "No cycle: " + waiting + " live process(es) wait on " + barrier
                        + " and no other live process knows it: the barrier is under-enrolled"
                        + " (a participant ended, or was never started, without retire()).\n";
            }
        }
        return null;
    }

    private static String describe(Snapshot.Blocked b, Map<Object, List<ProcessEntry>> knowers,
            Map<ProcessEntry, Snapshot.Blocked> byProcess, List<Edge> out) {
        ProcessEntry p = b.process();
        switch (b.kind()) {
            case "join" -> {
                ProcessEntry t = (ProcessEntry) b.target();
                if (byProcess.containsKey(t)) {
                    out.add(new Edge(p, t, "joins"));
                }
                return "waits for process " + t.name() + " to end (join)";
            }
            case "barrier" -> {
                for (ProcessEntry q : knowers.getOrDefault(b.target(), List.of())) {
                    Snapshot.Blocked qb = byProcess.get(q);
                    if (q != p && qb != null && qb.target() != b.target()) {
                        out.add(new Edge(p, q, "barrier"));
                    }
                }
                return "waits on " + b.target() + " for the other participants";
            }
            default -> {
                List<String> parts = new ArrayList<>();
                for (ChannelCore c : b.reads()) {
                    parts.add("read from " + c.name() + partners(p, c, "read " + c.name(),
                            knowers, out));
                }
                for (ChannelCore c : b.writes()) {
                    parts.add("write to " + c.name() + partners(p, c, "write " + c.name(),
                            knowers, out));
                }
                return (b.kind().equals("alt") ? "Alt waits to " + String.join(" or ", parts)
                        : "waits to " + parts.get(0));
            }
        }
    }

    private static String partners(ProcessEntry p, ChannelCore c, String label,
            Map<Object, List<ProcessEntry>> knowers, List<Edge> out) {
        List<String> names = new ArrayList<>();
        for (ProcessEntry q : knowers.getOrDefault(c, List.of())) {
            if (q != p) {
                names.add(q.name());
                out.add(new Edge(p, q, label));
            }
        }
        return names.isEmpty() ? " [no other live process knows it]"
                : " [known to " + String.join(", ", names) + "]";
    }

    private static List<Edge> findCycle(List<Snapshot.Blocked> blocked, ProcessEntry joined,
            Map<ProcessEntry, List<Edge>> edges) {
        List<ProcessEntry> order = new ArrayList<>();
        if (edges.containsKey(joined)) {
            order.add(joined);
        }
        for (Snapshot.Blocked b : blocked) {
            if (b.process() != joined) {
                order.add(b.process());
            }
        }
        Map<ProcessEntry, Integer> colour = new HashMap<>();
        for (ProcessEntry start : order) {
            if (colour.getOrDefault(start, 0) == 0) {
                List<Edge> path = new ArrayList<>();
                List<Edge> c = dfs(start, edges, colour, path);
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }

    private static List<Edge> dfs(ProcessEntry p, Map<ProcessEntry, List<Edge>> edges,
            Map<ProcessEntry, Integer> colour, List<Edge> path) {
        colour.put(p, 1);
        for (Edge e : edges.getOrDefault(p, List.of())) {
            int c = colour.getOrDefault(e.to, 0);
            if (c == 1) {
                int i = 0;
                while (i < path.size() && path.get(i).from != e.to) {
                    i++;
                }
                List<Edge> cycle = new ArrayList<>(path.subList(i, path.size()));
                cycle.add(e);
                return cycle;
            }
            if (c == 0) {
                path.add(e);
                List<Edge> r = dfs(e.to, edges, colour, path);
                if (r != null) {
                    return r;
                }
                path.remove(path.size() - 1);
            }
        }
        colour.put(p, 2);
        return null;
    }
}
