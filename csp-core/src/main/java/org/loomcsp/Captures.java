package org.loomcsp;

import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values a process body captures: the fields of its lambda (a lambda's captured variables are
 * the private fields of its hidden class), of its {@code Body} object, or of a process subclass;
 * so that poison, deadlock reports and network pictures find the channels a body uses without
 * the user listing them (issue 14, docs/adr/0087-a-process-knows-what-its-body-captures.md).
 */
/*
 * What is read, with an identity set against cycles:
 *   - every instance field of the root object (the Body, or a process's own fields below the
 *     runtime's base class), up its superclasses but never into java.* / javax.* / jdk.* classes;
 *   - recursively, the fields of captured values that are themselves captures: lambdas and other
 *     hidden or synthetic classes, and anonymous classes (their fields are captured variables).
 * Every other captured value is returned as is; Referents then searches it (channel ends,
 * barriers, arrays, collections, map values, optionals, records) and ignores everything else: an
 * arbitrary object (a captured 'this' whose fields hold channels, a shared mutable field) is not
 * reflected over.
 * Field lists are cached per class (ClassValue: no leak for hidden classes). A field of a class in
 * a named module whose package is not opened to org.loomcsp cannot be made accessible: such a
 * class is skipped, with one WARNING per package when the caller asks for it.
 * Runs only when poison spreads, a failure poisons, or a report or picture is made: never at
 * start (a process stays as small as ADR 0050 says).
 */
final class Captures {

    private static final System.Logger LOG = System.getLogger("org.loomcsp");
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
    private static final Field[] NONE = new Field[0];
    private static final int MAX_OBJECTS = 256;

    /**
     * What is known of a class, computed once (Class.isAnonymousClass() and getDeclaredFields()
     * cost microseconds, and poison visits every process of a network).
     *
     * @param fields its own readable instance fields (reference-typed), or null if its package
     *     is not open to loomcsp
     * @param capture whether its instances' fields are captured variables (lambda, hidden,
     *     synthetic or anonymous class)
     * @param jdk whether it is a JDK class (never read)
     */
    private record Plan(Field[] fields, boolean capture, boolean jdk) {}

    private static final ClassValue<Plan> PLANS = new ClassValue<>() {
        @Override
        protected Plan computeValue(Class<?> c) {
            boolean jdk = isJdk(c);
            boolean capture = !jdk && (c.isHidden() || c.isSynthetic() || c.isAnonymousClass());
            if (jdk) {
                return new Plan(NONE, false, true);
            }
            List<Field> out = new ArrayList<>();
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                } catch (InaccessibleObjectException | SecurityException e) {
                    return new Plan(null, capture, false);
                }
                out.add(f);
            }
            return new Plan(out.isEmpty() ? NONE : out.toArray(NONE), capture, false);
        }
    };

    private Captures() {}

    /**
     * The values captured by {@code root}: its fields and, through captured lambdas, theirs.
     *
     * @param stopAt a superclass whose fields (and its superclasses') are not read, or null
     * @param warn whether to log, once per package, that a class could not be read
     */
    static List<Object> of(Object root, Class<?> stopAt, boolean warn) {
        List<Object> out = new ArrayList<>(4);
        collect(root, stopAt, warn, out);
        return out;
    }

    /** Adds the values captured by {@code root} to {@code out} (see {@link #of}). */
    static void collect(Object root, Class<?> stopAt, boolean warn, List<Object> out) {
        if (root != null) {
            readFields(root, stopAt, out, null, warn);
        }
    }

    /**
     * Adds the values of o's fields (from its class up to stopAt, exclusive) to out, descending
     * into captures. 'seen' (identity) is made only when a capture holds another capture, the
     * rare case where a cycle is possible.
     */
    private static Set<Object> readFields(Object o, Class<?> stopAt, List<Object> out,
            Set<Object> seen, boolean warn) {
        for (Class<?> c = o.getClass(); c != null && c != stopAt; c = c.getSuperclass()) {
            Plan plan = PLANS.get(c);
            if (plan.jdk()) {
                break;
            }
            if (plan.fields() == null) {
                if (warn) {
                    warnOnce(c);
                }
                break;
            }
            for (Field f : plan.fields()) {
                Object v;
                try {
                    v = f.get(o);
                } catch (IllegalAccessException | RuntimeException e) {
                    continue;
                }
                if (v == null) {
                    continue;
                }
                if (PLANS.get(v.getClass()).capture()) {
                    if (seen == null) {
                        seen = Collections.newSetFromMap(new IdentityHashMap<>());
                        seen.add(o);
                    }
                    if (seen.add(v) && seen.size() <= MAX_OBJECTS) {
                        seen = readFields(v, null, out, seen, warn);
                    }
                } else {
                    out.add(v);
                }
            }
        }
        return seen;
    }

    private static boolean isJdk(Class<?> c) {
        String n = c.getName();
        return c == Object.class || n.startsWith("java.") || n.startsWith("javax.")
                || n.startsWith("jdk.") || n.startsWith("sun.") || n.startsWith("com.sun.");
    }

    private static void warnOnce(Class<?> c) {
        String pkg = c.getPackageName();
        if (WARNED.add(c.getModule().getName() + "/" + pkg)) {
            LOG.log(Level.WARNING, "loomcsp cannot see what the processes' lambdas in package "
                    + pkg + " (module " + c.getModule().getName() + ") capture, so poison does"
                    + " not reach their channels. Add 'opens " + pkg + " to org.loomcsp;' to that"
                    + " module-info.java, or pass the channels to process(body, channels...) or"
                    + " uses(...).");
        }
    }
}
