package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.loomcsp.internal.deadlock.Detector;
import org.loomcsp.testing.BackendTest;

class DeadlockDetectionTest {

    private Duration savedInterval;

    @BeforeEach
    void fastChecks() {
        savedInterval = Detector.interval();
        Csp.setDeadlockDetection(true);
        Csp.setDeadlockDetectionInterval(Duration.ofMillis(5));
    }

    @AfterEach
    void restore() {
        Csp.setDeadlockDetectionInterval(savedInterval);
        Csp.setDeadlockDetection(true);
    }

    /** The dining philosophers network, N philosophers and N fork processes. */
    private static final class Table {
        final int n;
        final List<CSPProcess> processes = new ArrayList<>();
        // pick[j][0], drop[j][0]: fork j with philosopher j (its left fork);
        // pick[j][1], drop[j][1]: fork j with philosopher j-1 (its right fork).
        final Channel<Integer>[][] pick;
        final Channel<Integer>[][] drop;

        @SuppressWarnings("unchecked")
        Table(int n) {
            this.n = n;
            pick = new Channel[n][2];
            drop = new Channel[n][2];
            for (int j = 0; j < n; j++) {
                for (int s = 0; s < 2; s++) {
                    pick[j][s] = new Channel<>("pick-" + j + (s == 0 ? "-left" : "-right"));
                    drop[j][s] = new Channel<>("drop-" + j + (s == 0 ? "-left" : "-right"));
                }
            }
        }

        /** Fork j serves {@code uses} pick-ups (or for ever if negative). */
        void forks(int uses) {
            for (int j = 0; j < n; j++) {
                Channel<Integer> pa = pick[j][0];
                Channel<Integer> pb = pick[j][1];
                Channel<Integer> da = drop[j][0];
                Channel<Integer> db = drop[j][1];
                processes.add(new CSPProcess("fork-" + j, () -> {
                    Alt alt = new Alt(pa, pb);
                    for (int k = 0; uses < 0 || k < uses; k++) {
                        alt.priSelect();
                        (alt.lastSelectedIndex() == 0 ? da : db).read();
                    }
                }, pa, pb, da, db));
            }
        }

        void philosophers(int meals, Barrier allHoldLeft, Channel<Integer> sit,
                Channel<Integer> leave) {
            for (int i = 0; i < n; i++) {
                int me = i;
                Channel<Integer> pl = pick[i][0];
                Channel<Integer> dl = drop[i][0];
                Channel<Integer> pr = pick[(i + 1) % n][1];
                Channel<Integer> dr = drop[(i + 1) % n][1];
                List<Object> known = new ArrayList<>(List.of(pl, dl, pr, dr));
                if (allHoldLeft != null) {
                    known.add(allHoldLeft);
                }
                if (sit != null) {
                    known.add(sit);
                    known.add(leave);
                }
                processes.add(new CSPProcess("phil-" + i, () -> {
                    for (int m = 0; m < meals; m++) {
                        if (sit != null) {
                            sit.write(me);
                        }
                        pl.write(me);
                        if (allHoldLeft != null) {
                            allHoldLeft.synchronise();
                        }
                        pr.write(me);
                        dl.write(me);
                        dr.write(me);
                        if (leave != null) {
                            leave.write(me);
                        }
                    }
                }, known));
            }
        }
    }

    /**
     * Philosophers who all take their left fork first deadlock; join throws DeadlockException
     * whose report names the cycle philosopher -> fork -> philosopher ... of all of them.
     */
    @BackendTest
    void deadlockedPhilosophersAreReportedWithTheirCycle(Backend backend) {
        Table t = new Table(5);
        t.forks(-1);
        t.philosophers(1, new Barrier(5), null, null);
        AtomicReference<DeadlockException> caught = new AtomicReference<>();
        assertThatThrownBy(() -> Csp.run(t.processes.toArray(CSPProcess[]::new)))
                .isInstanceOfSatisfying(DeadlockException.class, caught::set);
        DeadlockException e = caught.get();
        assertThat(e.cycle()).hasSize(10).containsExactlyInAnyOrder("phil-0", "phil-1",
                "phil-2", "phil-3", "phil-4", "fork-0", "fork-1", "fork-2", "fork-3", "fork-4");
        assertThat(e.waits().get("phil-0")).isEqualTo(
                "waits to write to pick-1-right [known to fork-1]");
        assertThat(e.waits().get("fork-1")).isEqualTo(
                "waits to read from drop-1-left [known to phil-1]");
        assertThat(e.report()).contains("Cycle: ").contains("phil-0 --write pick-1-right--> fork-1");
        // The deadlocked processes were terminated, so nothing is left running.
        for (CSPProcess p : t.processes) {
            Awaitility.await().until(() -> !p.isAlive());
        }
    }

    /** The same philosophers with a butler (at most N-1 seated) never deadlock: no report. */
    @BackendTest
    void philosophersWithAButlerAreNotReported(Backend backend) throws Exception {
        int n = 5;
        int meals = 300;
        Table t = new Table(n);
        Channel<Integer> sit = new Channel<>("sit");
        Channel<Integer> leave = new Channel<>("leave");
        t.forks(2 * meals);
        t.philosophers(meals, null, sit, leave);
        t.processes.add(new CSPProcess("butler", () -> {
            int[] seated = {0};
            Alt alt = new Alt(Guard.when(() -> seated[0] < n - 1, sit), leave);
            for (int k = 0; k < 2 * n * meals; k++) {
                alt.priSelect();
                seated[0] += alt.lastSelectedIndex() == 0 ? 1 : -1;
            }
        }, sit, leave));
        Par table = new Par(t.processes.toArray(CSPProcess[]::new));
        table.start();
        // Detection rounds driven by the test, not by the watcher's clock: whether the meals
        // are still going or already over, no round may find a deadlock.
        for (int k = 0; k < 3; k++) {
            assertThat(Detector.diagnoseNow()).isNull();
        }
        table.join();
    }

    /** A commstime network that runs for many detection intervals is never reported. */
    @BackendTest
    void runningCommstimeIsNotReported(Backend backend) throws Exception {
        int loops = 20_000;
        Channel<Integer> a = new Channel<>("a");
        Channel<Integer> b = new Channel<>("b");
        Channel<Integer> c = new Channel<>("c");
        Channel<Integer> d = new Channel<>("d");
        CSPProcess prefix = new CSPProcess("prefix", () -> {
            a.write(0);
            for (int i = 0; i < loops; i++) {
                a.write(c.read());
            }
            c.read();
        }, a, c);
        CSPProcess delta = new CSPProcess("delta", () -> {
            for (int i = 0; i <= loops; i++) {
                int x = a.read();
                b.write(x);
                d.write(x);
            }
        }, a, b, d);
        CSPProcess succ = new CSPProcess("succ", () -> {
            for (int i = 0; i <= loops; i++) {
                c.write(b.read() + 1);
            }
        }, b, c);
        int[] last = {-1};
        CSPProcess consume = new CSPProcess("consume", () -> {
            for (int i = 0; i <= loops; i++) {
                last[0] = d.read();
            }
        }, d);
        Par net = new Par(prefix, delta, succ, consume);
        net.start();
        for (int k = 0; k < 3; k++) {
            assertThat(Detector.diagnoseNow()).isNull();
        }
        net.join();
        assertThat(last[0]).isEqualTo(loops);
    }

    /**
     * A process sleeping on a Timer while its partner waits for it is not deadlocked. The
     * rounds run while both are provably in those waits (the sleep is far longer than the test).
     */
    @BackendTest
    void processSleepingOnATimerIsNotReported(Backend backend) throws Exception {
        Channel<String> c = new Channel<>("late");
        CSPProcess sleeper = new CSPProcess("sleeper", () -> {
            new Timer().sleep(Duration.ofHours(1));
            c.write("awake");
        }, c);
        CSPProcess waiter = new CSPProcess("waiter", () -> c.read(), c);
        sleeper.start();
        waiter.start();
        try {
            awaitState(sleeper, Thread.State.TIMED_WAITING);
            awaitState(waiter, Thread.State.WAITING);
            for (int k = 0; k < 3; k++) {
                assertThat(Detector.diagnoseNow()).isNull();
            }
        } finally {
            sleeper.terminate();
            waiter.terminate();
        }
        sleeper.join();
        waiter.join();
    }

    /** An Alt whose only way out is a Timer guard is not deadlocked (rounds while it waits). */
    @BackendTest
    void altWaitingForATimerIsNotReported(Backend backend) throws Exception {
        Channel<String> never = new Channel<>("never");
        CSPProcess p = new CSPProcess("timeout", () -> {
            Timer t = new Timer();
            t.setAlarm(Duration.ofHours(1));
            new Alt(never, t).priSelect();
        }, never);
        p.start();
        try {
            awaitState(p, Thread.State.TIMED_WAITING);
            for (int k = 0; k < 3; k++) {
                assertThat(Detector.diagnoseNow()).isNull();
            }
        } finally {
            p.terminate();
        }
        p.join();
        assertThat(p.wasTerminated()).isTrue();
    }

    /** The same Alt with a timer that fires soon selects the timer (no detector involved). */
    @BackendTest
    void altWithATimerThatFiresSelectsIt(Backend backend) throws Exception {
        Channel<String> never = new Channel<>("never");
        Object[] got = {"unset"};
        CSPProcess p = new CSPProcess("timeout", () -> {
            Timer t = new Timer();
            t.setAlarm(Duration.ofMillis(20));
            got[0] = new Alt(never, t).priSelect();
        }, never);
        p.run();
        assertThat(got[0]).isNull();
    }

    private static void awaitState(CSPProcess p, Thread.State state) {
        Awaitility.await().until(() -> p.thread() != null && p.thread().getState() == state);
    }

    /**
     * A process waiting for a thread that is not a process (here a non-daemon platform thread
     * that writes once the joiner has checked several times) is not reported.
     */
    @BackendTest
    void processWaitingForAPlainThreadIsNotReported(Backend backend) throws Exception {
        Channel<String> c = new Channel<>("from-outside");
        String[] got = new String[1];
        CSPProcess reader = new CSPProcess("reader", () -> got[0] = c.read(), c);
        long before = Detector.checks();
        Thread outside = new Thread(() -> {
            Awaitility.await().until(() -> Detector.checks() > before + 5);
            try {
                c.write("hello");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "outside-writer");
        reader.start();
        outside.start();
        reader.join();
        outside.join();
        assertThat(got[0]).isEqualTo("hello");
    }

    /**
     * An outside thread that completes a wait and ends between the detector's snapshot and its
     * look at the other threads is not mistaken for "nothing can move" (a race found under load:
     * the waits are probed again after the thread check).
     */
    @BackendTest
    void outsideWriterThatEndsRightAfterACheckIsNotReported(Backend backend) throws Exception {
        Csp.setDeadlockDetectionInterval(Duration.ofMillis(1));
        for (int round = 0; round < 60; round++) {
            Channel<String> c = new Channel<>("from-outside");
            String[] got = new String[1];
            CSPProcess reader = new CSPProcess("reader", () -> got[0] = c.read(), c);
            long before = Detector.checks();
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            Thread outside = new Thread(() -> {
                try {
                    Awaitility.await().pollInterval(Duration.ofMillis(1))
                            .until(() -> Detector.checks() > before + 2);
                    c.write("hello");
                } catch (Throwable e) {
                    writerFailure.set(e);
                }
            }, "outside-writer");
            reader.start();
            outside.start();
            Throwable joinFailure = null;
            try {
                reader.join();
            } catch (Throwable t) {
                joinFailure = t;
            }
            outside.join();
            if (joinFailure != null) {
                AssertionError e = new AssertionError("round " + round + ": join failed", joinFailure);
                if (writerFailure.get() != null) {
                    e.addSuppressed(writerFailure.get());
                }
                throw e;
            }
            assertThat(writerFailure.get()).as("the outside writer's failure").isNull();
            assertThat(got[0]).isEqualTo("hello");
        }
    }

    /**
     * A thread queued for a channel's internal lock is about to act, not asleep: a writer that
     * arrives while a detection round probes the channel (the probe holds that lock) parks on it
     * and can still show WAITING after the probe let go. Judged asleep, it made the round report
     * its reader as deadlocked (outsideWriterThatEndsRightAfterACheckIsNotReported, 1 run in ~13).
     * The thread here parks with the channel as blocker and no wait queued, which is that state
     * held still.
     */
    @BackendTest
    void threadQueuedForAChannelsLockIsNotAsleep(Backend backend) throws Exception {
        Channel<String> c = new Channel<>("contended");
        CSPProcess reader = new CSPProcess("reader", () -> c.read(), c).start();
        Awaitility.await().until(() -> c.core.waiterCounts()[0] == 1);
        CountDownLatch release = new CountDownLatch(1);
        Thread queued = new Thread(() -> {
            while (release.getCount() > 0) {
                LockSupport.park(c.core); // stands for AbstractQueuedSynchronizer.acquire
            }
        }, "queued-for-the-lock");
        queued.start();
        try {
            Awaitility.await().until(() -> queued.getState() == Thread.State.WAITING);
            assertThat(Detector.diagnoseNow()).isNull();
        } finally {
            release.countDown();
            LockSupport.unpark(queued);
            queued.join();
        }
        c.write("hello");
        reader.join();
    }

    /** A process reading a channel whose writer ended is reported with "no other live process". */
    @BackendTest
    void lonelyReaderIsReportedWithoutACycle(Backend backend) {
        Channel<Integer> c = new Channel<>("orphan");
        CSPProcess p = new CSPProcess("lonely", () -> c.read(), c);
        assertThatThrownBy(p::run).isInstanceOfSatisfying(DeadlockException.class, e -> {
            assertThat(e.cycle()).isEmpty();
            assertThat(e.waits()).containsEntry("lonely",
                    "waits to read from orphan [no other live process knows it]");
        });
    }

    /**
     * The joiner that gets a DeadlockException is left with no interrupt status of the
     * detector's, whichever way its join ended (interrupted, or the terminated process ending
     * first), so the caller's next blocking call is not spuriously interrupted.
     */
    @BackendTest
    void deadlockLeavesNoInterruptOnTheJoiner(Backend backend) {
        for (int round = 0; round < 20; round++) {
            Channel<Integer> c = new Channel<>("orphan-" + round);
            CSPProcess p = new CSPProcess("lonely", () -> c.read(), c);
            assertThatThrownBy(p::run).isInstanceOf(DeadlockException.class);
            assertThat(Thread.interrupted()).isFalse();
        }
    }

    /** With detection off, the same deadlock is not reported (join(timeout) times out). */
    @BackendTest
    void detectionCanBeTurnedOff(Backend backend) throws Exception {
        Csp.setDeadlockDetection(false);
        Channel<Integer> c = new Channel<>("orphan");
        CSPProcess p = new CSPProcess("lonely", () -> c.read(), c).start();
        CountDownLatch joined = new CountDownLatch(1);
        Thread j = Thread.ofPlatform().daemon().start(() -> {
            try {
                p.join();
                joined.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long before = Detector.checks();
        assertThat(p.join(Duration.ofMillis(100))).isFalse();
        assertThat(Detector.checks()).isEqualTo(before);
        assertThat(joined.getCount()).isEqualTo(1);
        p.terminate();
        j.join();
        assertThat(p.wasTerminated()).isTrue();
    }
}
