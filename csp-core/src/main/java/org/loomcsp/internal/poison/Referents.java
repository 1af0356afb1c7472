package org.loomcsp.internal.poison;

import java.lang.System.Logger.Level;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.loomcsp.Barrier;
import org.loomcsp.CSPProcess;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

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
 */
public final class Referents {

    private static final System.Logger LOG = System.getLogger("org.loomcsp");

    private Referents() {}

    /** Poisons every channel reachable from {@code roots} as described above. */
    public static void poisonAll(Object[] roots) {
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
    public static void forEachResource(Object[] roots, Consumer<Object> action) {
        if (roots == null || roots.length == 0) {
            return;
        }
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object r : roots) {
            visit(r, seen, action);
        }
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
