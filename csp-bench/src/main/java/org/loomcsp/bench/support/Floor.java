package org.loomcsp.bench.support;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * Commstime (sequential Delta) on channels that cost nothing, to measure what the JDK's
 * mechanisms for suspending a process cost by themselves: the floor under any CSP library built
 * on them, loomcsp included.
 *
 * <p>Everything runs on the calling thread, which acts as the only carrier: no other thread ever
 * touches a channel, so a channel is three plain fields, and the run queue is an {@link
 * ArrayDeque}. What remains is the cost of suspending and resuming:
 * <ul>
 *   <li>{@link #virtualThreads}: JDK virtual threads whose scheduler is an executor that queues
 *       their continuation tasks for the calling thread ({@code ThreadBuilders$VirtualThreadBuilder(Executor)},
 *       as loomcsp's scheduler uses); a process waits with {@link LockSupport#park()} and is woken
 *       with {@link LockSupport#unpark}. Needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}.
 *   <li>{@link #continuations}: raw {@code jdk.internal.vm.Continuation}s, yielded and run
 *       directly: no virtual-thread state machine, no mount, no executor. Needs {@code
 *       --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}. Not something a library can run
 *       user code on (a process that blocks in the JDK would block its carrier, and {@code
 *       Thread.currentThread()} is the carrier), but it bounds what any design on this JDK can reach.
 * </ul>
 * Each run ends its four processes (the channels are poisoned and every process returns), so
 * repeated runs leave nothing behind.
 */
/*
 * A Chan serves one writer and one reader (commstime's channels do) and holds at most one
 * waiting process. write: if the reader waits, put the value in `delivered`, clear `waiter` and
 * make the reader runnable; else wait with the value in `pending`. read: symmetric (take
 * `pending` from a waiting writer, or wait for `delivered`). A process waits while `waiter` is
 * itself: only its partner (or poison) clears it, and a partner's next operation cannot clear it
 * by mistake, nor overwrite a value the woken process has not taken yet (`delivered` and
 * `pending` are separate, and a woken reader is no longer the waiter). A woken process re-checks
 * (a virtual thread may return from park spuriously). Poison clears the waiter and wakes it; it
 * throws Stop.
 */
public final class Floor {
    private Floor() {}

    /** Thrown inside a process when its channel is poisoned at the end of a run. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    /** How a process waits and is woken: the one thing the two floors differ in. */
    private interface Suspender {
        Object self();

        void suspend();

        void resume(Object process);
    }

    private static final class Chan {
        private final Suspender s;
        private Object waiter;
        private boolean waiterReads;
        private Object pending;
        private Object delivered;
        private boolean poisoned;

        Chan(Suspender s) {
            this.s = s;
        }

        void write(Object v) {
            if (poisoned) {
                throw new Stop();
            }
            Object r = waiter;
            if (r != null && waiterReads) {
                waiter = null;
                delivered = v;
                s.resume(r);
                return;
            }
            Object me = s.self();
            pending = v;
            waiterReads = false;
            waiter = me;
            await(me);
        }

        Object read() {
            if (poisoned) {
                throw new Stop();
            }
            Object w = waiter;
            if (w != null && !waiterReads) {
                waiter = null;
                Object v = pending;
                pending = null;
                s.resume(w);
                return v;
            }
            Object me = s.self();
            waiterReads = true;
            waiter = me;
            await(me);
            Object v = delivered;
            delivered = null;
            return v;
        }

        private void await(Object me) {
            while (waiter == me) {
                s.suspend();
            }
            if (poisoned) {
                throw new Stop();
            }
        }

        void poison() {
            poisoned = true;
            Object w = waiter;
            if (w != null) {
                waiter = null;
                s.resume(w);
            }
        }
    }

    /** The four processes of commstime; {@code start} makes a body a runnable process. */
    private static long commstime(long loops, Suspender s, java.util.function.Consumer<Runnable> start,
            Runnable runUntilIdle) {
        Chan a = new Chan(s);
        Chan b = new Chan(s);
        Chan c = new Chan(s);
        Chan d = new Chan(s);
        long[] sum = new long[1];
        start.accept(body(() -> { // Prefix
            a.write(0);
            while (true) {
                a.write(c.read());
            }
        }));
        start.accept(body(() -> { // Delta, sequential
            while (true) {
                Object x = a.read();
                b.write(x);
                d.write(x);
            }
        }));
        start.accept(body(() -> { // Succ
            while (true) {
                c.write((Integer) b.read() + 1);
            }
        }));
        start.accept(body(() -> { // Consumer
            for (long i = 0; i < loops; i++) {
                sum[0] += (Integer) d.read();
            }
            a.poison();
            b.poison();
            c.poison();
            d.poison();
        }));
        runUntilIdle.run();
        return sum[0];
    }

    private static Runnable body(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (Stop end) {
                // poisoned: the run is over
            }
        };
    }

    /** The next process to run: the oldest, or with a non-zero seed a random one. */
    private static <T> T next(ArrayDeque<T> runq, long seed, SplittableRandom rnd) {
        if (seed != 0 && runq.size() > 1) {
            for (int i = rnd.nextInt(runq.size()); i > 0; i--) {
                runq.addLast(runq.pollFirst());
            }
        }
        return runq.poll();
    }

    // ---- JDK virtual threads on an inline executor ----

    private static final Constructor<?> VT_BUILDER = vtBuilder();

    private static Constructor<?> vtBuilder() {
        try {
            Constructor<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder").getDeclaredConstructor(Executor.class);
            c.setAccessible(true);
            return c;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Commstime with {@code loops} loops on virtual threads scheduled on the calling thread. */
    public static long virtualThreads(long loops) {
        return virtualThreads(loops, 0);
    }

    /**
     * As {@link #virtualThreads(long)}; a non-zero {@code seed} runs the runnable processes in a
     * random order (seeded) instead of first come, first served: for tests that the channels do
     * not depend on the order.
     */
    public static long virtualThreads(long loops, long seed) {
        if (VT_BUILDER == null) {
            throw new IllegalStateException("the virtual-thread floor needs --add-opens java.base/java.lang=ALL-UNNAMED");
        }
        ArrayDeque<Runnable> runq = new ArrayDeque<>();
        Thread.Builder.OfVirtual builder;
        try {
            builder = (Thread.Builder.OfVirtual) VT_BUILDER.newInstance((Executor) runq::add);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        Suspender s = new Suspender() {
            @Override
            public Object self() {
                return Thread.currentThread();
            }

            @Override
            public void suspend() {
                LockSupport.park();
            }

            @Override
            public void resume(Object process) {
                LockSupport.unpark((Thread) process);
            }
        };
        return commstime(loops, s, builder::start, () -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            for (Runnable task; (task = next(runq, seed, rnd)) != null; ) {
                task.run();
            }
        });
    }

    // ---- raw continuations ----

    private static final Object SCOPE;
    private static final MethodHandle NEW_CONTINUATION; // (Runnable)Object
    private static final MethodHandle RUN; // (Object)void
    private static final MethodHandle YIELD; // ()boolean
    private static final String CONTINUATION_FAILURE;

    static {
        Object scope = null;
        MethodHandle mk = null;
        MethodHandle run = null;
        MethodHandle yield = null;
        String failure = null;
        try {
            Class<?> sc = Class.forName("jdk.internal.vm.ContinuationScope");
            Class<?> cc = Class.forName("jdk.internal.vm.Continuation");
            MethodHandles.Lookup l = MethodHandles.lookup(); // publicLookup sees only unconditional exports
            scope = l.findConstructor(sc, MethodType.methodType(void.class, String.class)).invoke("floor");
            mk = MethodHandles.insertArguments(l.findConstructor(cc, MethodType.methodType(void.class, sc, Runnable.class)), 0, scope)
                    .asType(MethodType.methodType(Object.class, Runnable.class));
            run = l.findVirtual(cc, "run", MethodType.methodType(void.class)).asType(MethodType.methodType(void.class, Object.class));
            yield = MethodHandles.insertArguments(l.findStatic(cc, "yield", MethodType.methodType(boolean.class, sc)), 0, scope);
        } catch (Throwable e) {
            failure = e.toString();
        }
        SCOPE = scope;
        NEW_CONTINUATION = mk;
        RUN = run;
        YIELD = yield;
        CONTINUATION_FAILURE = failure;
    }

    /** Commstime with {@code loops} loops on raw continuations run by the calling thread. */
    public static long continuations(long loops) {
        return continuations(loops, 0);
    }

    /** As {@link #continuations(long)}; {@code seed} as in {@link #virtualThreads(long, long)}. */
    public static long continuations(long loops, long seed) {
        if (SCOPE == null) {
            throw new IllegalStateException("the continuation floor needs --add-exports java.base/jdk.internal.vm=ALL-UNNAMED ("
                    + CONTINUATION_FAILURE + ")");
        }
        ArrayDeque<Object> runq = new ArrayDeque<>();
        Object[] current = new Object[1];
        Suspender s = new Suspender() {
            @Override
            public Object self() {
                return current[0];
            }

            @Override
            public void suspend() {
                try {
                    boolean yielded = (boolean) YIELD.invokeExact();
                    if (!yielded) {
                        throw new IllegalStateException("continuation pinned");
                    }
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void resume(Object process) {
                runq.add(process);
            }
        };
        return commstime(loops, s, body -> {
            try {
                runq.add((Object) NEW_CONTINUATION.invokeExact(body));
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }, () -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            for (Object k; (k = next(runq, seed, rnd)) != null; ) {
                current[0] = k;
                try {
                    RUN.invokeExact(k);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }
}
