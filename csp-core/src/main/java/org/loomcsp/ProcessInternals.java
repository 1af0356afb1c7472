package org.loomcsp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.loomcsp.internal.trace.ProcessAccess;

/**
 * The implementation of {@link ProcessAccess}: lets deadlock diagnosis and the tracer see the
 * channels and barriers a process knows, without making them public API.
 */
/*
 * The search is the one poison uses (internal.poison.Referents, docs/adr/0005): channel views,
 * arrays, Iterables other than processes, Map values, Optionals and record components, with an
 * identity set against cycles; barriers are collected too. It runs only when a report or a
 * network picture is made.
 */
final class ProcessInternals implements ProcessAccess {

    @Override
    public List<Object> knownResources(CSPProcess p) {
        List<Object> out = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object o : p.knownRoots()) {
            visit(o, seen, out);
        }
        return out;
    }

    private static void visit(Object o, Set<Object> seen, List<Object> out) {
        if (o == null || o instanceof CharSequence || o instanceof Number
                || o instanceof Boolean || o instanceof CSPProcess || !seen.add(o)) {
            return;
        }
        switch (o) {
            case ChannelInput<?> in -> addCore(in.channel(), seen, out);
            case ChannelOutput<?> outp -> addCore(outp.channel(), seen, out);
            case Barrier b -> out.add(b);
            case Object[] arr -> {
                for (Object e : arr) {
                    visit(e, seen, out);
                }
            }
            case Iterable<?> it -> {
                for (Object e : it) {
                    visit(e, seen, out);
                }
            }
            case Map<?, ?> m -> {
                for (Object e : m.values()) {
                    visit(e, seen, out);
                }
            }
            case Optional<?> opt -> opt.ifPresent(e -> visit(e, seen, out));
            case Record r -> {
                for (var c : r.getClass().getRecordComponents()) {
                    try {
                        visit(c.getAccessor().invoke(r), seen, out);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        // an inaccessible record: its channels stay unknown (as for poison)
                    }
                }
            }
            default -> { }
        }
    }

    private static void addCore(Channel<?> c, Set<Object> seen, List<Object> out) {
        if (c != null && seen.add(c.core)) {
            out.add(c.core);
        }
    }
}
