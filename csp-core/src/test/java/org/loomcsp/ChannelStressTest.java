package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.loomcsp.testing.BackendTest;

/**
 * Randomised stress test of channels, Alts (input and output guards, Skip, Timer), poison and
 * interrupts, after Jox's StressTest and Go's TestSelectStress.
 *
 * <p>The test runs <em>rounds</em>. Each round builds a fresh network of channels (rendezvous,
 * buffered(1), buffered(2)) and processes:
 * <ul>
 *   <li>writers, each making a quota of attempts with a random operation: write, timed write,
 *       tryWrite, or an Alt over two output guards (select, priSelect or fairSelect);
 *   <li>readers, reading until poisoned with a random operation: read, timed read, tryRead, an
 *       Alt over every channel, or an Alt over every channel plus Skip;
 *   <li>mixed alters, each making a quota of selections over input guards, output guards and
 *       sometimes a Timer;
 *   <li>the test thread as chaos monkey: it interrupts random processes all the time.
 * </ul>
 * A round ends in one of two ways, at random: <b>drained</b> (after the writers' quotas, the
 * buffers are drained, then every channel is poisoned) or <b>poisoned mid-flight</b> (the
 * channels are poisoned one by one at a random moment while everyone is busy).
 *
 * <p>Invariants checked after every round:
 * <ol>
 *   <li>no duplicate: no value is received twice;
 *   <li>no invention: every value received was sent by a write that returned normally
 *       (a write that threw ChannelPoison or InterruptedException, or timed out, delivered
 *       nothing);
 *   <li>no loss: in drained rounds, received == sent exactly; in poisoned rounds, the values
 *       sent but never received are at most the total buffer capacity (poison discards buffered
 *       values, as documented), and none are lost on rendezvous channels;
 *   <li>every process ends after the poison (joined within a bound);
 *   <li>memory stays bounded: after each round every channel's wait queues are empty, and in
 *       drained rounds, before the poison, no writer node is left (cancelled nodes are unlinked)
 *       and at most one reader node per reading process.
 * </ol>
 *
 * <p>The message count is a system property: {@code -Dloomcsp.stress.messages=N} (the stress
 * profile sets it; see docs/verification.md). The short, untagged variant runs in the default
 * build in a few seconds.
 */
class ChannelStressTest {

    /** Messages per backend in the tagged (profile) run. */
    private static final long STRESS_MESSAGES = Long.getLong("loomcsp.stress.messages", 3_000_000);
    /** Messages per backend in the default build. */
    private static final long SHORT_MESSAGES = Long.getLong("loomcsp.stress.shortMessages", 20_000);

    /** Random network, random operations, poison and interrupts; long version (profile). */
    @Tag("stress")
    @Timeout(value = 60, unit = java.util.concurrent.TimeUnit.MINUTES)
    @BackendTest
    void randomOperationsKeepEveryInvariant(Backend backend) throws Exception {
        long target = backend == Backend.VIRTUAL ? STRESS_MESSAGES : STRESS_MESSAGES / 4;
        new Run(backend, target, 20_000).go();
    }

    /** The same randomised test with a small message count, for the default build. */
    @BackendTest
    void randomOperationsKeepEveryInvariantShort(Backend backend) throws Exception {
        long target = backend == Backend.VIRTUAL ? SHORT_MESSAGES : SHORT_MESSAGES / 2;
        new Run(backend, target, 4_000).go();
    }

    /** A growable list of longs (one per process, merged after the round). */
    private static final class Longs {
        long[] a = new long[256];
        int n;

        void add(long v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }
    }

    /** The whole run: rounds until the target number of messages has been delivered. */
    private static final class Run {
        final Backend backend;
        final long target;
        final int perRound;
        /**
         * The run's seed: -Dloomcsp.stress.seed=N replays a run's random choices (networks,
         * operations, poison moments, interrupt victims and pauses; the thread schedule is the
         * machine's). Printed at the start, so a failing run can be replayed.
         */
        final long seed = Long.getLong("loomcsp.stress.seed", System.nanoTime() ^ System.identityHashCode(this));
        final SplittableRandom seeds = new SplittableRandom(seed);
        long delivered;
        long rounds;
        long poisonedRounds;
        final LongAdder interrupts = new LongAdder();
        final LongAdder timeouts = new LongAdder();
        final LongAdder poisonSeen = new LongAdder();
        final LongAdder altSelections = new LongAdder();
        long discardedByPoison;

        Run(Backend backend, long target, int perRound) {
            this.backend = backend;
            this.target = target;
            this.perRound = perRound;
        }

        void go() throws Exception {
            System.out.printf("ChannelStressTest %s: seed %d (replay: -Dloomcsp.stress.seed=%d)%n",
                    backend, seed, seed);
            long t0 = System.nanoTime();
            while (delivered < target) {
                round();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("ChannelStressTest %s parallelism=%s: %,d messages in %,d rounds"
                    + " (%,d poisoned mid-flight, %,d values discarded from buffers by poison),"
                    + " %,d InterruptedExceptions, %,d timeouts, %,d ChannelPoisons, %,d Alt"
                    + " selections, %.1f s, %.0f msg/s%n",
                    backend, System.getProperty("jdk.virtualThreadScheduler.parallelism", "default"),
                    delivered, rounds, poisonedRounds, discardedByPoison, interrupts.sum(),
                    timeouts.sum(), poisonSeen.sum(), altSelections.sum(), s, delivered / s);
        }

        void round() throws Exception {
            SplittableRandom rnd = seeds.split();
            int nch = 2 + rnd.nextInt(4);
            List<Channel<Long>> chans = new ArrayList<>();
            int totalCapacity = 0;
            for (int i = 0; i < nch; i++) {
                int cap = new int[] {0, 0, 1, 2}[rnd.nextInt(4)];
                totalCapacity += cap;
                chans.add(cap == 0 ? new Channel<>("c" + i) : Channel.buffered("c" + i, cap));
            }
            int writers = 1 + rnd.nextInt(4);
            int alters = rnd.nextInt(3);
            int readers = 1 + rnd.nextInt(4);
            int producers = writers + alters;
            int quota = Math.max(1, perRound / producers);
            boolean poisonMidFlight = rnd.nextInt(3) == 0;
            AtomicLong progress = new AtomicLong();

            BitSet[] sent = new BitSet[producers];
            Longs[] received = new Longs[producers + readers];
            List<CSPProcess> procs = new ArrayList<>();
            List<CSPProcess> producerProcs = new ArrayList<>();
            for (int w = 0; w < producers; w++) {
                sent[w] = new BitSet(quota);
                received[w] = new Longs();
                boolean alter = w >= writers;
                int id = w;
                long seed = rnd.nextLong();
                CSPProcess p = new CSPProcess("producer-" + w, () -> {
                    if (alter) {
                        alterBody(id, seed, quota, chans, sent[id], received[id], progress);
                    } else {
                        writerBody(id, seed, quota, chans, sent[id]);
                    }
                });
                procs.add(p);
                producerProcs.add(p);
            }
            for (int r = 0; r < readers; r++) {
                Longs mine = new Longs();
                long seed = rnd.nextLong();
                received[producers + r] = mine;
                procs.add(new CSPProcess("reader-" + r,
                        () -> readerBody(seed, chans, mine, progress)));
            }
            procs.forEach(CSPProcess::start);

            long poisonAt = poisonMidFlight ? rnd.nextLong(1, Math.max(2, perRound)) : -1;
            SplittableRandom chaos = rnd.split();
            // Chaos: interrupt random processes until the producers are done (or the poison).
            while (producerProcs.stream().anyMatch(CSPProcess::isAlive)) {
                if (poisonMidFlight && progress.get() >= poisonAt) {
                    break;
                }
                interruptRandom(procs, chaos);
                LockSupport.parkNanos(chaos.nextInt(200_000)); // pacing, not synchronisation
            }
            if (poisonMidFlight) {
                poisonedRounds++;
                List<Channel<Long>> order = new ArrayList<>(chans);
                java.util.Collections.shuffle(order, new java.util.Random(chaos.nextLong()));
                for (Channel<Long> c : order) {
                    c.poison();
                    interruptRandom(procs, chaos);
                }
            } else {
                // Drain the buffers (readers are still reading), check the queues, then poison.
                // Interrupts go on: readers blocked reading empty channels must move on.
                while (!allDrained(chans)) {
                    interruptRandom(procs, chaos);
                    LockSupport.parkNanos(chaos.nextInt(200_000));
                }
                for (Channel<Long> c : chans) {
                    int[] w = c.core.waiterCounts();
                    assertThat(w[1]).as("writer nodes left on %s after the writers ended", c)
                            .isZero();
                    assertThat(w[0]).as("reader nodes on %s", c).isLessThanOrEqualTo(readers);
                }
                for (Channel<Long> c : chans) {
                    c.poison();
                }
            }
            // Every process must end after the poison.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (CSPProcess p : procs) {
                long left = deadline - System.nanoTime();
                assertThat(p.join(Duration.ofNanos(Math.max(1, left))))
                        .as("%s ended after the poison (round %d, %s)", p.getName(), rounds,
                                backend)
                        .isTrue();
            }
            for (Channel<Long> c : chans) {
                assertThat(c.core.waiterCounts()).as("waiters on %s", c).containsExactly(0, 0);
            }
            // Exactly-once accounting.
            BitSet[] got = new BitSet[producers];
            for (int w = 0; w < producers; w++) {
                got[w] = new BitSet(quota);
            }
            long n = 0;
            for (Longs l : received) {
                for (int i = 0; i < l.n; i++) {
                    long v = l.a[i];
                    int w = (int) (v >>> 32);
                    int seq = (int) v;
                    assertThat(got[w].get(seq)).as("duplicate delivery of %d/%d", w, seq).isFalse();
                    got[w].set(seq);
                    n++;
                }
            }
            long missing = 0;
            for (int w = 0; w < producers; w++) {
                BitSet invented = (BitSet) got[w].clone();
                invented.andNot(sent[w]);
                assertThat(invented.cardinality()).as("values received but never sent by %d", w)
                        .isZero();
                BitSet lost = (BitSet) sent[w].clone();
                lost.andNot(got[w]);
                missing += lost.cardinality();
            }
            if (poisonMidFlight) {
                assertThat(missing).as("values lost: at most what the buffers held at the poison")
                        .isLessThanOrEqualTo(totalCapacity);
                discardedByPoison += missing;
            } else {
                assertThat(missing).as("values sent but not received in a drained round").isZero();
            }
            delivered += n;
            rounds++;
        }

        static boolean allDrained(List<Channel<Long>> chans) {
            for (Channel<Long> c : chans) {
                if (c.core.bufferedCount() != 0) {
                    return false;
                }
            }
            return true;
        }

        static void interruptRandom(List<CSPProcess> procs, SplittableRandom r) {
            CSPProcess victim = procs.get(r.nextInt(procs.size()));
            Thread t = victim.thread();
            if (t != null && victim.isAlive()) {
                t.interrupt();
            }
        }

        static long value(int writer, int seq) {
            return ((long) writer << 32) | seq;
        }

        void writerBody(int id, long seed, int quota, List<Channel<Long>> chans, BitSet sent)
                throws Exception {
            SplittableRandom r = new SplittableRandom(seed);
            try {
                for (int seq = 0; seq < quota; seq++) {
                    long v = value(id, seq);
                    Channel<Long> a = chans.get(r.nextInt(chans.size()));
                    Channel<Long> b = chans.get(r.nextInt(chans.size()));
                    boolean ok;
                    try {
                        switch (r.nextInt(5)) {
                            case 0, 1 -> {
                                a.write(v);
                                ok = true;
                            }
                            case 2 -> {
                                ok = a.write(v, Duration.ofNanos(r.nextInt(2_000_000)));
                                if (!ok) {
                                    timeouts.increment();
                                }
                            }
                            case 3 -> {
                                ok = a.tryWrite(v);
                                if (!ok) {
                                    Thread.yield();
                                }
                            }
                            default -> {
                                Alt alt = new Alt(a.writeGuard(v), b.writeGuard(v));
                                Object x = switch (r.nextInt(3)) {
                                    case 0 -> alt.select();
                                    case 1 -> alt.priSelect();
                                    default -> alt.fairSelect();
                                };
                                altSelections.increment();
                                ok = x.equals(v);
                            }
                        }
                    } catch (InterruptedException e) {
                        interrupts.increment();
                        ok = false;
                    }
                    if (ok) {
                        sent.set(seq);
                    }
                }
            } catch (ChannelPoison e) {
                poisonSeen.increment();
            }
            Thread.interrupted(); // do not carry a late interrupt out of the body
        }

        void alterBody(int id, long seed, int quota, List<Channel<Long>> chans, BitSet sent,
                Longs received, AtomicLong progress) throws Exception {
            SplittableRandom r = new SplittableRandom(seed);
            Timer timer = new Timer();
            try {
                for (int seq = 0; seq < quota; seq++) {
                    long v = value(id, seq);
                    List<Guard> guards = new ArrayList<>();
                    int ins = r.nextInt(3);
                    for (int i = 0; i < ins; i++) {
                        guards.add(chans.get(r.nextInt(chans.size())));
                    }
                    int outs = 1 + r.nextInt(2);
                    for (int i = 0; i < outs; i++) {
                        guards.add(chans.get(r.nextInt(chans.size())).writeGuard(v));
                    }
                    boolean withTimer = r.nextInt(4) == 0;
                    if (withTimer) {
                        timer.setAlarm(Duration.ofNanos(r.nextInt(500_000)));
                        guards.add(timer);
                    }
                    java.util.Collections.shuffle(guards, new java.util.Random(r.nextLong()));
                    Alt alt = new Alt(guards);
                    try {
                        Object x = switch (r.nextInt(3)) {
                            case 0 -> alt.select();
                            case 1 -> alt.priSelect();
                            default -> alt.fairSelect();
                        };
                        altSelections.increment();
                        Guard g = alt.lastSelected();
                        if (g instanceof OutputGuard<?>) {
                            sent.set(seq);
                        } else if (g instanceof ChannelInput<?>) {
                            received.add((Long) x);
                            progress.incrementAndGet();
                        } else {
                            Thread.yield(); // timer
                        }
                    } catch (InterruptedException e) {
                        interrupts.increment();
                    }
                }
            } catch (ChannelPoison e) {
                poisonSeen.increment();
            }
            Thread.interrupted();
        }

        void readerBody(long seed, List<Channel<Long>> chans, Longs received, AtomicLong progress)
                throws Exception {
            SplittableRandom r = new SplittableRandom(seed);
            Alt all = new Alt(new ArrayList<Guard>(chans));
            List<Guard> withSkip = new ArrayList<>(chans);
            withSkip.add(new Skip());
            Alt allOrSkip = new Alt(withSkip);
            try {
                while (true) {
                    Channel<Long> a = chans.get(r.nextInt(chans.size()));
                    Long v;
                    try {
                        switch (r.nextInt(6)) {
                            case 0 -> v = a.read();
                            case 1 -> {
                                v = a.read(Duration.ofNanos(r.nextInt(2_000_000)));
                                if (v == null) {
                                    timeouts.increment();
                                }
                            }
                            case 2 -> {
                                v = a.tryRead();
                                if (v == null) {
                                    Thread.yield();
                                }
                            }
                            case 3 -> {
                                Object x = allOrSkip.priSelect();
                                v = x == Skip.SKIPPED ? null : (Long) x;
                                if (v == null) {
                                    Thread.yield();
                                }
                            }
                            default -> {
                                Object x = switch (r.nextInt(3)) {
                                    case 0 -> all.select();
                                    case 1 -> all.priSelect();
                                    default -> all.fairSelect();
                                };
                                altSelections.increment();
                                v = (Long) x;
                            }
                        }
                    } catch (InterruptedException e) {
                        interrupts.increment();
                        v = null;
                    }
                    if (v != null) {
                        received.add(v);
                        progress.incrementAndGet();
                    }
                }
            } catch (ChannelPoison e) {
                poisonSeen.increment();
            }
        }
    }
}
