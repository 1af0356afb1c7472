package org.loomcsp;

import java.lang.System.Logger.Level;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds the channels a process was given and poisons them: python-csp's {@code
 * referent_visitor}, with its gaps and crashes fixed.
 */
/*
 * What is searched, recursively, with an identity set against cycles:
 *   ChannelInput / ChannelOutput / Barrier -> a resource the process knows (poisonAll poisons
 *   the channel ends and ignores barriers);
 *   Object[] and primitive arrays (the latter hold no channels: skipped);
 *   Iterable (but not CSPProcess: a process's channels are its own business);
 *   Map -> its values (python-csp iterated dict keys and missed channels stored as values);
 *   Optional -> its content;
 *   records -> their components, through the public accessors (a record we may not access is
 *   skipped with a DEBUG log line rather than failing the poisoning).
 * Everything else is ignored: no reflection over arbitrary object graphs.
 *
 * It lives in the API package (not internal) because it is about API types: channel ends,
 * barriers, processes. Deadlock diagnosis gets its result through the internal process record
 * (ProcessEntry.knownResources, filled in by CSPProcess), as channel cores and barriers, so "the
 * channels a process knows" means the same for poison, deadlock reports and network pictures
 * (docs/adr/0005, ADR 0080).
 */
final class Referents {

    private static final System.Logger LOG = System.getLogger("org.loomcsp");

    private Referents() {}

    /** Poisons every channel reachable from {@code roots} as described above. */
    static void poisonAll(Object[] roots) {
        forEachResource(roots, r -> {
            if (r instanceof ChannelInput<?> in) {
                in.poison();
            } else if (r instanceof ChannelOutput<?> out) {
                out.poison();
            }
        });
    }

    /**
     * Calls {@code action} once for every channel end and {@link Barrier} reachable from {@code
     * roots} by the search described above: what a process knows. Poison uses it, and so do
     * deadlock reports and network pictures, so that "knows" means the same everywhere.
     */
    static void forEachResource(Object[] roots, Consumer<Object> action) {
        if (roots == null || roots.length == 0) {
            return;
        }
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object r : roots) {
            visit(r, seen, action);
        }
    }

    /**
     * The channel cores and barriers reachable from {@code roots}, each once, in the order met:
     * what deadlock reports and network pictures use. Runs only when one is made.
     */
    static List<Object> knownResources(Object[] roots) {
        Set<Object> out = new LinkedHashSet<>();
        forEachResource(roots, r -> {
            switch (r) {
                case ChannelInput<?> in -> out.add(Channel.coreOf(in));
                case ChannelOutput<?> o -> out.add(Channel.coreOf(o));
                default -> out.add(r); // a Barrier
            }
        });
        return new ArrayList<>(out);
    }

    private static void visit(Object o, Set<Object> seen, Consumer<Object> action) {
        if (o == null || o instanceof CharSequence || o instanceof Number || o instanceof Boolean
                || o instanceof CSPProcess || !seen.add(o)) {
            return;
        }
        if (o instanceof ChannelInput<?> || o instanceof ChannelOutput<?> || o instanceof Barrier) {
            action.accept(o);
            return;
        }
        if (o instanceof Object[] array) {
            for (Object e : array) {
                visit(e, seen, action);
            }
        } else if (o instanceof Map<?, ?> map) {
            for (Object v : map.values()) {
                visit(v, seen, action);
            }
        } else if (o instanceof Iterable<?> it) {
            for (Object e : it) {
                visit(e, seen, action);
            }
        } else if (o instanceof Optional<?> opt) {
            opt.ifPresent(v -> visit(v, seen, action));
        } else if (o.getClass().isRecord()) {
            for (RecordComponent rc : o.getClass().getRecordComponents()) {
                if (rc.getType().isPrimitive()) {
                    continue;
                }
                try {
                    java.lang.reflect.Method accessor = rc.getAccessor();
                    if (!accessor.canAccess(o)) {
                        accessor.setAccessible(true);
                    }
                    visit(accessor.invoke(o), seen, action);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    LOG.log(Level.DEBUG, "Cannot read record component " + rc.getName() + " of "
                            + o.getClass().getName() + " to poison its channels: " + e);
                }
            }
        }
    }
}
