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

    /** The readable instance fields of a class and its non-JDK superclasses (null: not opened). */
    private static final ClassValue<Field[]> FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            List<Field> out = new ArrayList<>();
            for (Class<?> c = type; c != null && !isJdk(c); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                    } catch (InaccessibleObjectException | SecurityException e) {
                        return null;
                    }
                    out.add(f);
                }
            }
            return out.isEmpty() ? NONE : out.toArray(NONE);
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
        if (root == null) {
            return List.of();
        }
        List<Object> out = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(root);
        readFields(root, stopAt, out, seen, warn);
        return out;
    }

    private static void readFields(Object o, Class<?> stopAt, List<Object> out, Set<Object> seen,
            boolean warn) {
        for (Class<?> c = o.getClass(); c != null && c != stopAt && !isJdk(c);
                c = c.getSuperclass()) {
            Field[] fields = FIELDS.get(c);
            if (fields == null) {
                if (warn) {
                    warnOnce(c);
                }
                return;
            }
            for (Field f : fields) {
                if (f.getDeclaringClass() != c) {
                    continue; // read at its own level, so that stopAt is honoured
                }
                Object v;
                try {
                    v = f.get(o);
                } catch (IllegalAccessException | RuntimeException e) {
                    continue;
                }
                if (v == null || !seen.add(v) || seen.size() > MAX_OBJECTS) {
                    continue;
                }
                if (isCapture(v.getClass())) {
                    readFields(v, null, out, seen, warn);
                } else {
                    out.add(v);
                }
            }
        }
    }

    /** Whether the fields of an instance of {@code c} are captured variables. */
    private static boolean isCapture(Class<?> c) {
        return (c.isHidden() || c.isSynthetic() || c.isAnonymousClass()) && !isJdk(c);
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
