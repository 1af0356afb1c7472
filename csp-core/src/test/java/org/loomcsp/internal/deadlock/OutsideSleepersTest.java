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
 * Rule 5 of ADR 0020 with its amendment: a thread outside the processes that is asleep in an
 * untimed wait is a participant only once two rounds have found it asleep in the very same wait;
 * seen once, it may be in a passing wait (a contended lock, a class being initialised) and counts
 * as activity.
 */
class OutsideSleepersTest {

    @BackendTest
    void aThreadFoundAsleepOnceIsActivityAndInTheSameWaitTwiceAParticipant(Backend backend)
            throws Exception {
        Channel<String> c = new Channel<>("never-written");
        CSPProcess reader = new CSPProcess("reader", () -> c.read(), c).start();
        CountDownLatch release = new CountDownLatch(1);
        Thread sleeper = sleeperOn(release, "sleeper");
        try {
            Awaitility.await().pollInSameThread().until(() -> sleeper.getState() == Thread.State.WAITING
                    && Snapshot.take() != null);
            // Rounds until every sleeper of the JVM (this one, and any left by other tests) has
            // been seen twice in the same wait.
            // (Polled on this thread: a poll thread would leave this one in a timed wait.)
            Snapshot[] last = {null};
            Awaitility.await().pollInSameThread().until(() -> {
                Snapshot s = Snapshot.take();
                boolean activity = s == null || Snapshot.outsideActivity(s, Set.of(), last[0]);
                last[0] = s;
                return !activity;
            });
            // The same thread in another wait is seen for the first time again: activity.
            CountDownLatch other = new CountDownLatch(1);
            Thread next = sleeperOn(other, "sleeper-2");
            Awaitility.await().pollInSameThread().until(() -> next.getState() == Thread.State.WAITING);
            Snapshot first = Snapshot.take();
            assertThat(first.sameWaits(last[0])).isTrue();
            assertThat(Snapshot.outsideActivity(first, Set.of(), last[0]))
                    .as("a new sleeper, seen for the first time").isTrue();
            Snapshot second = Snapshot.take();
            assertThat(Snapshot.outsideActivity(second, Set.of(), first))
                    .as("every sleeper in the same wait in two rounds").isFalse();
            other.countDown();
            next.join();
        } finally {
            release.countDown();
            c.poison();
            reader.join();
        }
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
