package org.loomcsp.internal.deadlock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.testing.BackendTest;

/**
 * Rule 5 of ADR 0020 with its amendments: a thread outside the processes that is asleep in an
 * untimed wait is a participant only once rounds have found it asleep in the very same wait for
 * {@link Snapshot#ASLEEP_NS} or more; seen once, or for a moment, it may be in a passing wait (a
 * contended lock, a class being initialised) and counts as activity.
 */
class OutsideSleepersTest {

    @BackendTest
    void aThreadFoundAsleepOnceIsActivityAndInTheSameWaitLongEnoughAParticipant(Backend backend)
            throws Exception {
        Channel<String> c = new Channel<>("never-written");
        CSPProcess reader = new CSPProcess("reader", () -> c.read(), c).start();
        CountDownLatch release = new CountDownLatch(1);
        Thread sleeper = sleeperOn(release, "sleeper");
        try {
            Awaitility.await().pollInSameThread().until(() -> sleeper.getState() == Thread.State.WAITING
                    && Snapshot.take() != null);
            // Rounds until every sleeper of the JVM (this one, and any left by other tests) has
            // been seen in the same wait long enough.
            // (Polled on this thread: a poll thread would leave this one in a timed wait.)
            Snapshot last = roundsUntilNoActivity(null);
            // The same thread in another wait is seen for the first time again: activity.
            CountDownLatch other = new CountDownLatch(1);
            Thread next = sleeperOn(other, "sleeper-2");
            Awaitility.await().pollInSameThread().until(() -> next.getState() == Thread.State.WAITING);
            Snapshot first = Snapshot.take();
            long firstSeen = System.nanoTime();
            assertThat(first.sameWaits(last)).isTrue();
            assertThat(Snapshot.outsideActivity(first, Set.of(), last))
                    .as("a new sleeper, seen for the first time").isTrue();
            // Rounds (each compared with the one before) until it counts as asleep: never
            // before it has stayed in that wait for ASLEEP_NS.
            roundsUntilNoActivity(first);
            assertThat(System.nanoTime() - firstSeen)
                    .as("rounds found every sleeper in the same wait for ASLEEP_NS")
                    .isGreaterThanOrEqualTo(Snapshot.ASLEEP_NS);
            other.countDown();
            next.join();
        } finally {
            release.countDown();
            c.poison();
            reader.join();
        }
    }

    /**
     * Detection rounds, each compared with the one before (the first with {@code start}), until
     * one finds no outside activity; returns that round's snapshot. Polled on the calling
     * thread: a poll thread would leave it in a timed wait.
     */
    private static Snapshot roundsUntilNoActivity(Snapshot start) {
        Snapshot[] last = {start};
        Awaitility.await().pollInSameThread().until(() -> {
            Snapshot s = Snapshot.take();
            boolean activity = s == null || Snapshot.outsideActivity(s, Set.of(), last[0]);
            last[0] = s;
            return !activity;
        });
        return last[0];
    }

    /** A started platform thread that waits, without a timeout, until {@code latch} opens. */
    private static Thread sleeperOn(CountDownLatch latch, String name) {
        Thread t = new Thread(() -> {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        t.start();
        return t;
    }
}
