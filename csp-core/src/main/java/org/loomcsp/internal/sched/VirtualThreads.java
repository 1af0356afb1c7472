package org.loomcsp.internal.sched;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * Makes the virtual threads of loomcsp processes, on loomcsp's own {@link CarrierPool} where the
 * JDK lets us, else on the JDK's default scheduler.
 *
 * <p>Choosing (once, at the first virtual process): the system property {@code csp.scheduler}
 * is {@code loomcsp} (the default) or {@code jdk}. loomcsp's scheduler needs the JDK's
 * package-private {@code java.lang.ThreadBuilders$VirtualThreadBuilder(Executor)} constructor
 * and {@code Thread.currentCarrierThread()}, so the JVM must open {@code java.base/java.lang}
 * to loomcsp ({@code --add-opens java.base/java.lang=ALL-UNNAMED} on the class path, {@code
 * =org.loomcsp} on the module path, or {@code Add-Opens: java.base/java.lang} in an executable
 * jar's manifest). If it does not, loomcsp logs one warning naming the option and falls back to
 * the JDK scheduler.
 *
 * <p>Parallelism: {@code csp.scheduler.parallelism}, else {@code
 * jdk.virtualThreadScheduler.parallelism}, else the number of available processors. Most
 * carriers (counting those added while others are held): {@code csp.scheduler.maxCarriers},
 * else {@code jdk.virtualThreadScheduler.maxPoolSize}, else max(parallelism, 256).
 */
public final class VirtualThreads {

    /** {@code Thread.currentCarrierThread()}, or {@code null} if java.lang is not open to us. */
    private static final MethodHandle CURRENT_CARRIER = currentCarrierHandle();

    private VirtualThreads() {}

    private static MethodHandle currentCarrierHandle() {
        try {
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup());
            return l.findStatic(Thread.class, "currentCarrierThread", MethodType.methodType(Thread.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The platform thread that carries the caller (the caller itself if it is a platform thread). */
    static Thread currentCarrier() {
        if (CURRENT_CARRIER == null) {
            return Thread.currentThread();
        }
        try {
            return (Thread) CURRENT_CARRIER.invokeExact();
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /** The choice, made at first use (not at class load: it may log). */
    private static final class Choice {
        static final CarrierPool POOL;
        static final ThreadFactory FACTORY;

        static {
            CarrierPool pool = null;
            ThreadFactory factory = null;
            String wanted = System.getProperty("csp.scheduler", "loomcsp").trim().toLowerCase(Locale.ROOT);
            switch (wanted) {
                case "jdk" -> { }
                case "loomcsp", "" -> {
                    String why = null;
                    try {
                        Constructor<?> ctor = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder")
                                .getDeclaredConstructor(Executor.class);
                        ctor.setAccessible(true); // throws unless java.lang is open to us
                        if (CURRENT_CARRIER == null) {
                            why = "Thread.currentCarrierThread() is not accessible";
                        } else {
                            int parallelism = intProperty(1, "csp.scheduler.parallelism",
                                    "jdk.virtualThreadScheduler.parallelism",
                                    Runtime.getRuntime().availableProcessors());
                            int max = intProperty(parallelism, "csp.scheduler.maxCarriers",
                                    "jdk.virtualThreadScheduler.maxPoolSize", Math.max(parallelism, 256));
                            CarrierPool p = new CarrierPool(parallelism, Math.max(max, parallelism));
                            Thread.Builder.OfVirtual b = (Thread.Builder.OfVirtual) ctor.newInstance(p);
                            factory = b.factory();
                            pool = p;
                        }
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                                && iae.getMessage().startsWith("loomcsp")) {
                            throw iae;
                        }
                        why = e.toString();
                    }
                    if (pool == null) {
                        System.getLogger(VirtualThreads.class.getName()).log(Level.WARNING,
                                "loomcsp cannot run its processes on its own scheduler (" + why
                                + "), so they run on the JDK's default virtual-thread scheduler,"
                                + " which can starve new processes and timers behind busy ones."
                                + " Add the JVM option --add-opens java.base/java.lang=ALL-UNNAMED"
                                + " (class path) or --add-opens java.base/java.lang=org.loomcsp"
                                + " (module path), or the line 'Add-Opens: java.base/java.lang' to"
                                + " an executable jar's manifest; -Dcsp.scheduler=jdk chooses the"
                                + " JDK scheduler without this warning.");
                    }
                }
                default -> throw new IllegalArgumentException("Unknown loomcsp scheduler '"
                        + wanted + "' in -Dcsp.scheduler. Accepted values: loomcsp (the default)"
                        + ", jdk.");
            }
            POOL = pool;
            FACTORY = factory;
        }
    }

    private static int intProperty(int min, String name, String fallbackName, int dflt) {
        String n = name;
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            n = fallbackName;
            v = System.getProperty(fallbackName);
        }
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i >= min) {
                return i;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("loomcsp scheduler: -D" + n + "=" + v
                + " is not an integer >= " + min + "; set it to a number of carrier threads.");
    }

    /** A new, unstarted virtual thread that runs {@code task}, on the chosen scheduler. */
    public static Thread newThread(Runnable task) {
        ThreadFactory f = Choice.FACTORY;
        return f != null ? f.newThread(task) : Thread.ofVirtual().unstarted(task);
    }

    /** loomcsp's scheduler if it runs the processes, else {@code null} (the JDK's does). */
    public static CarrierPool pool() {
        return Choice.POOL;
    }
}
