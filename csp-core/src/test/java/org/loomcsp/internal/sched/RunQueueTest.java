package org.loomcsp.internal.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's queue hand-offs in isolation: a carrier's {@link RunQueue} (runnext + ring,
 * one owner, many thieves) and its overflow into the global queue.
 */
class RunQueueTest {

    /** A task that knows its number. */
    record Task(int id) implements Runnable {
        @Override
        public void run() {}
    }

    // ------------------------------------------------------------------ Lincheck

    /**
     * Owner operations (put into runnext or the ring, poll) in one thread, steals (ring half or
     * runnext) into two thieves' own queues in two others. Each steal returns every task it
     * moved, so the outcome of an interleaving is exactly which task went where; Lincheck checks
     * it against the same operations run one at a time.
     */
    public static class Ops {
        private final RunQueue q = new RunQueue();
        private final RunQueue dst1 = new RunQueue();
        private final RunQueue dst2 = new RunQueue();
        private final Queue<Runnable> overflow = new ConcurrentLinkedQueue<>();
        private int next;

        @Operation(nonParallelGroup = "owner")
        public boolean putNext() {
            return q.put(new Task(next++), true, overflow);
        }

        @Operation(nonParallelGroup = "owner")
        public boolean put() {
            return q.put(new Task(next++), false, overflow);
        }

        @Operation(nonParallelGroup = "owner")
        public Integer poll() {
            Runnable r = q.poll();
            return r == null ? null : ((Task) r).id();
        }

        @Operation(nonParallelGroup = "owner")
        public Integer pollFair() {
            Runnable r = q.pollFair();
            return r == null ? null : ((Task) r).id();
        }

        @Operation(nonParallelGroup = "thief1")
        public List<Integer> steal1() {
            return steal(dst1, false);
        }

        @Operation(nonParallelGroup = "thief1")
        public List<Integer> steal1WithRunnext() {
            return steal(dst1, true);
        }

        @Operation(nonParallelGroup = "thief2")
        public List<Integer> steal2() {
            return steal(dst2, false);
        }

        @Operation(nonParallelGroup = "thief2")
        public List<Integer> steal2WithRunnext() {
            return steal(dst2, true);
        }

        private List<Integer> steal(RunQueue dst, boolean runnext) {
            List<Integer> got = new ArrayList<>();
            Runnable r = q.stealInto(dst, runnext);
            if (r != null) {
                got.add(((Task) r).id());
            }
            for (Runnable x; (x = dst.poll()) != null; ) {
                got.add(((Task) x).id());
            }
            return got;
        }
    }

    @Test
    void ownerPutsPollsAndTwoThievesStealsAreLinearizable() {
        new ModelCheckingOptions()
                .iterations(Integer.getInteger("loomcsp.lincheck.iterations", 6))
                .invocationsPerIteration(Integer.getInteger("loomcsp.lincheck.invocations", 100))
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(3)
                .actorsAfter(1)
                .check(Ops.class);
    }

    // ------------------------------------------------------------------ randomised, real threads

    /**
     * One owner puts N tasks (randomly into runnext or the ring, sometimes overflowing into the
     * global queue) and polls; three thieves steal (randomly the ring or also runnext) and poll
     * what they stole. Every task is taken exactly once. Seeded: the seed is printed and
     * {@code -Dloomcsp.runqueue.seed} replays the owner's and thieves' choices.
     */
    @Test
    void everyTaskIsTakenExactlyOnceUnderConcurrentSteals() throws Exception {
        long seed = Long.getLong("loomcsp.runqueue.seed", System.nanoTime());
        System.out.println("RunQueueTest seed: " + seed + " (replay: -Dloomcsp.runqueue.seed=" + seed + ")");
        int n = 200_000;
        RunQueue q = new RunQueue();
        Queue<Runnable> global = new ConcurrentLinkedQueue<>();
        AtomicIntegerArray taken = new AtomicIntegerArray(n);
        AtomicBoolean ownerDone = new AtomicBoolean();
        int thieves = 3;
        CyclicBarrier start = new CyclicBarrier(thieves + 1);
        List<Thread> threads = new ArrayList<>();
        Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < thieves; t++) {
            SplittableRandom rnd = new SplittableRandom(seed + 1 + t);
            threads.add(Thread.ofPlatform().start(() -> {
                RunQueue mine = new RunQueue();
                try {
                    start.await();
                    while (!ownerDone.get() || q.size() > 0) {
                        Runnable r = q.stealInto(mine, rnd.nextInt(4) == 0);
                        for (; r != null; r = mine.poll()) {
                            taken.incrementAndGet(((Task) r).id());
                        }
                        Thread.onSpinWait();
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        start.await();
        for (int i = 0; i < n; i++) {
            q.put(new Task(i), rnd.nextBoolean(), global);
            if (rnd.nextInt(3) == 0) {
                Runnable r = rnd.nextBoolean() ? q.poll() : q.pollFair();
                if (r != null) {
                    taken.incrementAndGet(((Task) r).id());
                }
            }
        }
        ownerDone.set(true);
        for (Runnable r; (r = q.poll()) != null; ) {
            taken.incrementAndGet(((Task) r).id());
        }
        for (Thread t : threads) {
            t.join();
        }
        for (Runnable r; (r = global.poll()) != null; ) {
            taken.incrementAndGet(((Task) r).id());
        }
        assertThat(errors).isEmpty();
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (taken.get(i) != 1) {
                wrong.add(i);
            }
        }
        assertThat(wrong).as("tasks not taken exactly once (seed %d)", seed).isEmpty();
    }

    /** A full ring moves half of itself and the new task to the global queue, in order. */
    @Test
    void aFullRingOverflowsHalfIntoTheGlobalQueueOldestFirst() {
        RunQueue q = new RunQueue();
        Queue<Runnable> global = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < RunQueue.CAPACITY; i++) {
            assertThat(q.put(new Task(i), false, global)).isTrue();
        }
        assertThat(global).isEmpty();
        q.put(new Task(RunQueue.CAPACITY), false, global);
        List<Integer> moved = global.stream().map(r -> ((Task) r).id()).toList();
        assertThat(moved).hasSize(RunQueue.CAPACITY / 2 + 1).startsWith(0, 1, 2)
                .endsWith(RunQueue.CAPACITY);
        assertThat(((Task) q.poll()).id()).isEqualTo(RunQueue.CAPACITY / 2);
    }

    /** put(next) displaces runnext to the ring's tail; poll takes runnext first, pollFair the ring. */
    @Test
    void runnextRunsFirstAndPollFairServesTheRingFirst() {
        RunQueue q = new RunQueue();
        Queue<Runnable> global = new ConcurrentLinkedQueue<>();
        assertThat(q.put(new Task(1), true, global)).isFalse(); // runnext only: not stealable
        assertThat(q.put(new Task(2), true, global)).isTrue();  // 1 moves to the ring
        assertThat(((Task) q.pollFair()).id()).isEqualTo(1);
        q.put(new Task(3), false, global);
        assertThat(((Task) q.poll()).id()).isEqualTo(2);
        assertThat(((Task) q.poll()).id()).isEqualTo(3);
        assertThat(q.poll()).isNull();
    }
}
