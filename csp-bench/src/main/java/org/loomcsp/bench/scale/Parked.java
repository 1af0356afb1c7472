package org.loomcsp.bench.scale;

import java.lang.management.ManagementFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;

/**
 * One measurement, run in its own JVM by {@link ScaleMain}: start N processes that each block
 * reading a channel of their own, measure the heap they hold while parked, then wake and end
 * them all.
 *
 * <p>Modes: {@code loomcsp-virtual}, {@code loomcsp-platform} (each a {@code CSPProcess} blocked
 * in {@code Channel.read()}, ended by poisoning its channel); {@code raw-park} (a bare virtual
 * thread in {@code LockSupport.park()}, ended by {@code unpark}); {@code raw-sq} (a virtual thread
 * in {@code SynchronousQueue.take()} on a queue of its own, ended by {@code offer}).
 *
 * <p>Before the measured round, {@link #WARM_UP_ROUNDS} rounds of the same mode with at most
 * {@link #WARM_UP_N} processes let the JIT compile the park path: a thread that parks while its
 * frames are interpreted keeps a larger stack chunk, which would otherwise count against whichever
 * mode happens to run before compilation ends. The heap held while parked is split into the
 * virtual threads' stack chunks (from a class histogram) and everything else.
 */
final class Parked {
    private Parked() {}

    /** The result line the parent parses. */
    record Measurement(String mode, int n, double startMs, double windDownMs, double bytesPerProcess,
            double stackBytesPerProcess, long heapUsedMb, long rssMb) {
        String line() {
            return String.format(Locale.ROOT, "RESULT mode=%s n=%d startMs=%.1f windDownMs=%.1f bytesPerProcess=%.0f"
                    + " stackBytesPerProcess=%.0f heapUsedMb=%d rssMb=%d",
                    mode, n, startMs, windDownMs, bytesPerProcess, stackBytesPerProcess, heapUsedMb, rssMb);
        }
    }

    /*
     * Measured (reading each parked thread's StackChunk by reflection, 100,000 threads): after 3
     * rounds of 20,000, half the threads of some JVMs still parked in interpreted frames (900+ B
     * of stack instead of 272 B) because C2 had not finished; after 6 rounds of 50,000 the
     * stacks were the compiled ones in 5 of 6 JVMs, for loomcsp and SynchronousQueue alike.
     */
    static final int WARM_UP_ROUNDS = 6;
    static final int WARM_UP_N = 50_000;
    static final int PLATFORM_WARM_UP_N = 1_000;

    /** Warms up, then measures one round of {@code n} processes. */
    static Measurement measure(String mode, int n) throws Exception {
        // Platform threads keep their stacks outside the heap: a short warm-up is enough for them.
        int warm = Math.min(n, mode.endsWith("platform") ? PLATFORM_WARM_UP_N : WARM_UP_N);
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            // A full measured round, GCs and histograms included: the time they take is time the
            // JIT gets to finish compiling before the round that counts.
            round(mode, warm);
        }
        return round(mode, n);
    }

    static Measurement round(String mode, int n) throws Exception {
        long heap0 = settledHeap();
        long chunks0 = stackChunkBytes();
        AtomicInteger arrived = new AtomicInteger();
        long t0 = System.nanoTime();
        Runnable wake;
        Waiter join;
        switch (mode) {
            case "loomcsp-virtual", "loomcsp-platform" -> {
                Backend b = mode.equals("loomcsp-virtual") ? Backend.VIRTUAL : Backend.PLATFORM;
                List<Channel<Integer>> chans = new ArrayList<>(n);
                List<CSPProcess> ps = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    Channel<Integer> c = new Channel<>();
                    chans.add(c);
                    ps.add(new CSPProcess(() -> {
                        arrived.incrementAndGet();
                        c.read(); // parks until poisoned; ChannelPoison ends the process quietly
                    }, c).backend(b).start());
                }
                wake = () -> chans.forEach(Channel::poison);
                join = () -> {
                    for (CSPProcess p : ps) {
                        p.join();
                    }
                };
            }
            case "raw-park" -> {
                List<Thread> ts = new ArrayList<>(n);
                boolean[] go = new boolean[1];
                for (int i = 0; i < n; i++) {
                    ts.add(Thread.ofVirtual().start(() -> {
                        arrived.incrementAndGet();
                        while (!isSet(go)) {
                            LockSupport.park();
                        }
                    }));
                }
                wake = () -> {
                    set(go);
                    ts.forEach(LockSupport::unpark);
                };
                join = () -> {
                    for (Thread t : ts) {
                        t.join();
                    }
                };
            }
            case "raw-sq" -> {
                List<Thread> ts = new ArrayList<>(n);
                List<SynchronousQueue<Integer>> qs = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    SynchronousQueue<Integer> q = new SynchronousQueue<>();
                    qs.add(q);
                    ts.add(Thread.ofVirtual().start(() -> {
                        arrived.incrementAndGet();
                        try {
                            q.take();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
                }
                wake = () -> {
                    Integer one = 1;
                    for (SynchronousQueue<Integer> q : qs) {
                        try {
                            q.put(one);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                };
                join = () -> {
                    for (Thread t : ts) {
                        t.join();
                    }
                };
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        while (arrived.get() < n) {
            Thread.sleep(1);
        }
        long t1 = System.nanoTime();
        Thread.sleep(200); // let the last arrivals reach their park
        long heap1 = settledHeap();
        long chunks1 = stackChunkBytes();
        long rss = rssMb();
        long t2 = System.nanoTime();
        wake.run();
        join.await();
        long t3 = System.nanoTime();
        return new Measurement(mode, n, (t1 - t0) / 1e6, (t3 - t2) / 1e6, (heap1 - heap0) / (double) n,
                chunks0 < 0 || chunks1 < 0 ? Double.NaN : (chunks1 - chunks0) / (double) n, heap1 >> 20, rss);
    }

    private interface Waiter {
        void await() throws InterruptedException;
    }

    private static final java.lang.invoke.VarHandle AA = java.lang.invoke.MethodHandles.arrayElementVarHandle(boolean[].class);

    private static boolean isSet(boolean[] flag) {
        return (boolean) AA.getVolatile(flag, 0);
    }

    private static void set(boolean[] flag) {
        AA.setVolatile(flag, 0, true);
    }

    /** Used heap after full GCs have stopped shrinking it. */
    static long settledHeap() throws InterruptedException {
        var mem = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            long used = mem.getHeapMemoryUsage().getUsed();
            if (used >= last - (last >> 8)) {
                return Math.min(used, last);
            }
            last = used;
        }
        return last;
    }

    private static final Pattern STACK_CHUNK_ROW =
            Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+jdk\\.internal\\.vm\\.StackChunk\\b");

    /**
     * Bytes held by virtual threads' stack chunks ({@code jdk.internal.vm.StackChunk}), from the
     * HotSpot class histogram (live objects); -1 if this JVM has no such diagnostic command.
     */
    static long stackChunkBytes() {
        try {
            String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            Matcher m = STACK_CHUNK_ROW.matcher(histogram);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        } catch (Exception e) {
            return -1;
        }
    }

    static long rssMb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("\\D+", "")) >> 10;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }
}
