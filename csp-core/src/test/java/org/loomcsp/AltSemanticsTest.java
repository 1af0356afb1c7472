package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.loomcsp.testing.BackendTest;

/**
 * Alt semantics beyond AltTest: readiness order, timers without busy-spinning, output guards
 * against plain readers and against input Alts, self-select, the GuardedAlt bounded queue, and
 * the statistics of select/fairSelect over READY CHANNELS (not only Skips).
 */
class AltSemanticsTest {

    /** Spins (yielding) until every channel has at least one waiting writer. */
    private static void awaitWritersWaiting(List<Channel<Integer>> cs) {
        for (Channel<Integer> c : cs) {
            while (c.core.waiterCounts()[1] == 0) {
                Thread.yield();
            }
        }
    }

    /** Starts {@code perChannel} writers per channel, each writing its channel index for ever. */
    private static List<CSPProcess> eternalWriters(List<Channel<Integer>> cs, int perChannel) {
        List<CSPProcess> ws = new ArrayList<>();
        for (int i = 0; i < cs.size(); i++) {
            Channel<Integer> c = cs.get(i);
            int v = i;
            for (int k = 0; k < perChannel; k++) {
                ws.add(new CSPProcess(() -> {
                    while (true) {
                        c.write(v);
                    }
                }, c).start());
            }
        }
        return ws;
    }

    private static List<Channel<Integer>> channels(int k) {
        List<Channel<Integer>> cs = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            cs.add(new Channel<>("c" + i));
        }
        return cs;
    }

    private static void poisonAndJoin(List<Channel<Integer>> cs, List<CSPProcess> ps)
            throws InterruptedException {
        cs.forEach(Channel::poison);
        for (CSPProcess p : ps) {
            p.join();
        }
        for (Channel<Integer> c : cs) {
            assertThat(c.core.waiterCounts()).containsExactly(0, 0);
        }
    }

    /**
     * Readiness order: a waiting Alt is completed by the FIRST writer to arrive, even under
     * priSelect and even if a higher-priority writer arrives right after.
     */
    @BackendTest
    void waitingAltTakesTheFirstWriterToArrive(Backend backend) throws Exception {
        List<Channel<Integer>> cs = channels(3);
        int[][] arrivalOrders = {{2, 0, 1}, {1, 2, 0}, {0, 1, 2}, {2, 1, 0}};
        for (int[] order : arrivalOrders) {
            List<Object> got = Collections.synchronizedList(new ArrayList<>());
            CSPProcess alting = new CSPProcess(() -> {
                Alt alt = new Alt(cs.get(0), cs.get(1), cs.get(2));
                for (int i = 0; i < 3; i++) {
                    got.add(alt.priSelect());
                }
            }).start();
            Awaitility.await().until(() -> cs.stream().allMatch(c -> c.core.waiterCounts()[0] == 1));
            List<CSPProcess> ws = new ArrayList<>();
            // The first writer completes the waiting Alt inside its write (a rendezvous).
            Channel<Integer> first = cs.get(order[0]);
            ws.add(new CSPProcess(() -> first.write(order[0])).start());
            ws.get(0).join();
            // The others arrive later; by then the first choice is made.
            for (int k = 1; k < 3; k++) {
                Channel<Integer> c = cs.get(order[k]);
                int v = order[k];
                ws.add(new CSPProcess(() -> c.write(v)).start());
            }
            alting.join();
            for (CSPProcess w : ws) {
                w.join();
            }
            assertThat(got.get(0)).isEqualTo(order[0]);
            assertThat(got).containsExactlyInAnyOrder(0, 1, 2);
        }
    }

    /**
     * An Alt waiting for a Timer parks: on the platform backend the selecting thread's CPU time
     * over a 300 ms wait stays far below the wait (python-csp busy-spun); on both backends the
     * timer fires no earlier than its alarm and yields null.
     */
    @BackendTest
    void timerWaitDoesNotBusySpin(Backend backend) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Channel<Integer> never = new Channel<>();
        long waitNs = Duration.ofMillis(300).toNanos();
        AtomicLong cpu = new AtomicLong(-1);
        AtomicLong wall = new AtomicLong();
        AtomicReference<Object> result = new AtomicReference<>("unset");
        new CSPProcess(() -> {
            Timer t = new Timer();
            boolean measure = backend == Backend.PLATFORM && mx.isCurrentThreadCpuTimeSupported();
            long cpu0 = measure ? mx.getCurrentThreadCpuTime() : 0;
            long t0 = System.nanoTime();
            t.setAlarm(Duration.ofNanos(waitNs));
            result.set(new Alt(never, t).select());
            wall.set(System.nanoTime() - t0);
            if (measure) {
                cpu.set(mx.getCurrentThreadCpuTime() - cpu0);
            }
        }).run();
        assertThat(result.get()).isNull();
        assertThat(wall.get()).isGreaterThanOrEqualTo(waitNs);
        if (backend == Backend.PLATFORM && mx.isCurrentThreadCpuTimeSupported()) {
            assertThat(cpu.get()).as("CPU time of the selecting thread while waiting, ns")
                    .isBetween(0L, waitNs / 5);
        }
        assertThat(never.core.waiterCounts()).containsExactly(0, 0);
    }

    /**
     * Output guards against plain readers: an Alt writing 0..n-1 to whichever of two channels has
     * a reader delivers every value exactly once, in order on each channel.
     */
    @BackendTest
    void outputGuardsFeedPlainReadersExactlyOnce(Backend backend) throws Exception {
        Channel<Integer> a = new Channel<>();
        Channel<Integer> b = new Channel<>();
        int n = 2_000;
        List<Integer> gotA = new ArrayList<>();
        List<Integer> gotB = new ArrayList<>();
        CSPProcess writer = new CSPProcess(() -> {
            for (int i = 0; i < n; i++) {
                new Alt(a.writeGuard(i), b.writeGuard(i)).select();
            }
            a.poison();
            b.poison();
        });
        CSPProcess ra = new CSPProcess(() -> {
            while (true) {
                gotA.add(a.read());
            }
        }, a);
        CSPProcess rb = new CSPProcess(() -> {
            while (true) {
                gotB.add(b.read());
            }
        }, b);
        new Par(writer, ra, rb).run();
        assertThat(gotA).isSorted();
        assertThat(gotB).isSorted();
        List<Integer> all = new ArrayList<>(gotA);
        all.addAll(gotB);
        Collections.sort(all);
        assertThat(all).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(all.get(i)).isEqualTo(i);
        }
    }

    /**
     * Output guards against input Alts (both ends alternating, Go's select-send vs select-recv),
     * with a plain reader competing on one channel: exactly once, nothing left waiting.
     */
    @BackendTest
    void outputAltsMeetInputAltsExactlyOnce(Backend backend) throws Exception {
        Channel<Integer> a = new Channel<>();
        Channel<Integer> b = new Channel<>();
        Channel<Integer> idle = new Channel<>();
        int n = 2_000;
        AtomicIntegerArray seen = new AtomicIntegerArray(n);
        AtomicInteger dup = new AtomicInteger();
        AtomicInteger count = new AtomicInteger();
        CSPProcess writer = new CSPProcess(() -> {
            for (int i = 0; i < n; i++) {
                new Alt(idle, a.writeGuard(i), b.writeGuard(i)).fairSelect();
            }
            a.poison();
            b.poison();
        });
        CSPProcess inputAlt = new CSPProcess(() -> {
            Alt alt = new Alt(a, b);
            while (true) {
                int v = (Integer) alt.select();
                if (seen.getAndSet(v, 1) == 1) {
                    dup.incrementAndGet();
                }
                count.incrementAndGet();
            }
        }, a, b);
        CSPProcess plain = new CSPProcess(() -> {
            while (true) {
                int v = a.read();
                if (seen.getAndSet(v, 1) == 1) {
                    dup.incrementAndGet();
                }
                count.incrementAndGet();
            }
        }, a);
        new Par(writer, inputAlt, plain).run();
        assertThat(dup).hasValue(0);
        assertThat(count).hasValue(n);
        for (Channel<Integer> c : List.of(a, b, idle)) {
            assertThat(c.core.waiterCounts()).containsExactly(0, 0);
        }
    }

    /**
     * Self-select (Go's TestSelfSelect): two processes each alternate between writing and
     * reading the SAME channel; every selection pairs with the other process, never with itself,
     * and they never deadlock.
     */
    @BackendTest
    void processesAltingOnBothEndsOfOneChannelPairUp(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        int n = 1_000;
        int[] reads = new int[2];
        int[] fromOther = new int[2];
        List<CSPProcess> ps = new ArrayList<>();
        for (int id = 0; id < 2; id++) {
            int me = id;
            ps.add(new CSPProcess(() -> {
                Alt alt = new Alt(c.writeGuard(me), c);
                for (int i = 0; i < n; i++) {
                    Object v = alt.select();
                    if (alt.lastSelectedIndex() == 1) {
                        reads[me]++;
                        if ((Integer) v != me) {
                            fromOther[me]++;
                        }
                    }
                }
            }));
        }
        new Par(ps).run();
        assertThat(reads[0] + reads[1]).isEqualTo(n);
        assertThat(fromOther[0]).isEqualTo(reads[0]);
        assertThat(fromOther[1]).isEqualTo(reads[1]);
        assertThat(c.core.waiterCounts()).containsExactly(0, 0);
    }

    /**
     * GuardedAlt's BoundedQueue with output guards: 15 items through a queue of size 5 arrive in
     * order; while the queue is full its input guard is disabled, so the producer waits.
     */
    @BackendTest
    void boundedQueueWithOutputGuardsPreservesOrder(Backend backend) throws Exception {
        Channel<Integer> in = new Channel<>();
        Channel<Integer> out = new Channel<>();
        int items = 15;
        int max = 5;
        AtomicInteger maxSize = new AtomicInteger();
        CSPProcess producer = new CSPProcess(() -> {
            for (int i = 0; i < items; i++) {
                in.write(i);
            }
        });
        CSPProcess queue = new CSPProcess(() -> {
            ArrayDeque<Integer> q = new ArrayDeque<>();
            int forwarded = 0;
            while (forwarded < items) {
                Integer head = q.peekFirst();
                Alt alt = new Alt(Guard.when(q.size() < max, in),
                        Guard.when(head != null, out.writeGuard(head == null ? -1 : head)));
                Object v = alt.select();
                if (alt.lastSelectedIndex() == 0) {
                    q.addLast((Integer) v);
                    maxSize.accumulateAndGet(q.size(), Math::max);
                } else {
                    q.removeFirst();
                    forwarded++;
                }
            }
        });
        List<Integer> got = new ArrayList<>();
        CSPProcess consumer = new CSPProcess(() -> {
            // Wait until the queue is full and the producer is stuck on its 6th item.
            Awaitility.await().until(() -> maxSize.get() == max && in.core.waiterCounts()[1] == 1);
            for (int i = 0; i < items; i++) {
                got.add(out.read());
            }
        });
        new Par(producer, queue, consumer).run();
        assertThat(maxSize).hasValue(max);
        assertThat(got).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
    }

    /**
     * python-csp's own BoundedQueue shape: one reused Alt with boolean-supplier preconditions
     * over an input channel and a request channel. 15 items through size 5, order preserved.
     */
    @BackendTest
    void boundedQueueWithRequestChannelPreservesOrder(Backend backend) throws Exception {
        Channel<Integer> in = new Channel<>();
        Channel<Boolean> request = new Channel<>();
        Channel<Integer> out = new Channel<>();
        int items = 15;
        int max = 5;
        AtomicInteger maxSize = new AtomicInteger();
        CSPProcess producer = new CSPProcess(() -> {
            for (int i = 0; i < items; i++) {
                in.write(i);
            }
        });
        CSPProcess queue = new CSPProcess(() -> {
            ArrayDeque<Integer> q = new ArrayDeque<>();
            Alt alt = new Alt(Guard.when(() -> q.size() < max, in),
                    Guard.when(() -> !q.isEmpty(), request));
            int forwarded = 0;
            while (forwarded < items) {
                Object v = alt.select();
                if (alt.lastSelectedIndex() == 0) {
                    q.addLast((Integer) v);
                    maxSize.accumulateAndGet(q.size(), Math::max);
                } else {
                    out.write(q.removeFirst());
                    forwarded++;
                }
            }
        });
        List<Integer> got = new ArrayList<>();
        CSPProcess consumer = new CSPProcess(() -> {
            Awaitility.await().until(() -> maxSize.get() == max && in.core.waiterCounts()[1] == 1);
            for (int i = 0; i < items; i++) {
                request.write(true);
                got.add(out.read());
            }
        });
        new Par(producer, queue, consumer).run();
        assertThat(maxSize).hasValue(max);
        assertThat(got).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
    }

    /**
     * select over READY CHANNELS (writers always waiting, checked before every selection) is
     * roughly uniform: each of k channels gets at least half of its 1/k share.
     */
    @BackendTest
    void selectOverReadyChannelsIsRoughlyUniform(Backend backend) throws Exception {
        int k = 3;
        int picks = 6_000;
        List<Channel<Integer>> cs = channels(k);
        List<CSPProcess> ws = eternalWriters(cs, 2);
        Alt alt = new Alt(new ArrayList<Guard>(cs));
        int[] counts = new int[k];
        for (int i = 0; i < picks; i++) {
            awaitWritersWaiting(cs);
            Object v = alt.select();
            assertThat(v).isEqualTo(alt.lastSelectedIndex());
            counts[alt.lastSelectedIndex()]++;
        }
        poisonAndJoin(cs, ws);
        for (int c : counts) {
            assertThat(c).as("picks per channel of %d: %s", picks, java.util.Arrays.toString(counts))
                    .isGreaterThanOrEqualTo(picks / k / 2);
        }
    }

    /**
     * select over a mix of ready channels, Skips and an output guard with a waiting reader is
     * roughly uniform too (each guard kind is picked its share).
     */
    @BackendTest
    void selectOverMixedReadyGuardsIsRoughlyUniform(Backend backend) throws Exception {
        List<Channel<Integer>> cs = channels(2);
        List<CSPProcess> ws = eternalWriters(cs, 2);
        Channel<Integer> sink = new Channel<>();
        List<CSPProcess> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            readers.add(new CSPProcess(() -> {
                while (true) {
                    sink.read();
                }
            }, sink).start());
        }
        Alt alt = new Alt(cs.get(0), cs.get(1), new Skip(), sink.writeGuard(42));
        int picks = 4_000;
        int[] counts = new int[4];
        for (int i = 0; i < picks; i++) {
            awaitWritersWaiting(cs);
            while (sink.core.waiterCounts()[0] == 0) {
                Thread.yield();
            }
            alt.select();
            counts[alt.lastSelectedIndex()]++;
        }
        sink.poison();
        poisonAndJoin(cs, ws);
        for (CSPProcess r : readers) {
            r.join();
        }
        for (int c : counts) {
            assertThat(c).as("picks: %s", java.util.Arrays.toString(counts))
                    .isGreaterThanOrEqualTo(picks / 4 / 2);
        }
    }

    /** fairSelect over READY CHANNELS never repeats the previous choice, and spreads evenly. */
    @BackendTest
    void fairSelectOverReadyChannelsNeverRepeats(Backend backend) throws Exception {
        int k = 3;
        int picks = 3_000;
        List<Channel<Integer>> cs = channels(k);
        List<CSPProcess> ws = eternalWriters(cs, 2);
        Alt alt = new Alt(new ArrayList<Guard>(cs));
        int last = -1;
        int repeats = 0;
        int[] counts = new int[k];
        for (int i = 0; i < picks; i++) {
            awaitWritersWaiting(cs);
            alt.fairSelect();
            int now = alt.lastSelectedIndex();
            if (now == last) {
                repeats++;
            }
            counts[now]++;
            last = now;
        }
        poisonAndJoin(cs, ws);
        assertThat(repeats).isZero();
        for (int c : counts) {
            assertThat(c).isGreaterThanOrEqualTo(picks / k / 2);
        }
    }

    /** fairSelect repeats the previous choice when it is the only ready guard. */
    @BackendTest
    void fairSelectRepeatsTheOnlyReadyGuard(Backend backend) throws Exception {
        List<Channel<Integer>> cs = channels(3);
        List<CSPProcess> ws = eternalWriters(cs.subList(1, 2), 2);
        Alt alt = new Alt(new ArrayList<Guard>(cs));
        for (int i = 0; i < 100; i++) {
            assertThat(alt.fairSelect()).isEqualTo(0); // writers of cs[1] write their index, 0
            assertThat(alt.lastSelectedIndex()).isEqualTo(1);
        }
        poisonAndJoin(cs, ws);
    }
}
