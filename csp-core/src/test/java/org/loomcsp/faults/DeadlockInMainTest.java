package org.loomcsp.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.loomcsp.Alt;
import org.loomcsp.Backend;
import org.loomcsp.Barrier;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.Csp;
import org.loomcsp.DeadlockException;
import org.loomcsp.internal.deadlock.Detector;
import org.loomcsp.testing.BackendTest;

/**
 * A thread that is not a process (here the test's own thread, as {@code main} would be) blocked
 * in a channel operation takes part in deadlock detection (issue 13, item 4).
 */
class DeadlockInMainTest {

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
    }

    /** main's c.read() with no writer and no process at all throws DeadlockException. */
    @BackendTest
    void readWithNoWriterAndNoProcessIsReported(Backend backend) {
        Channel<Integer> c = new Channel<>("nobody-writes");
        String me = Thread.currentThread().getName();
        assertThatThrownBy(c::read).isInstanceOfSatisfying(DeadlockException.class, e ->
                assertThat(e.waits()).containsEntry("thread " + me,
                        "waits to read from nobody-writes [no other live process knows it]"));
        assertThat(Thread.interrupted()).isFalse();
        assertThat(c.tryWrite(1)).as("the failed read left no waiter").isFalse();
    }

    /**
     * main writing to a process that waits on another channel: both are reported, the process
     * is terminated, and main gets the DeadlockException.
     */
    @BackendTest
    void writeToAProcessBlockedElsewhereIsReported(Backend backend) throws Exception {
        Channel<Integer> toProcess = new Channel<>("to-process");
        Channel<Integer> elsewhere = new Channel<>("elsewhere");
        CSPProcess p = new CSPProcess("stuck", () -> {
            elsewhere.read();
            toProcess.read();
        }, toProcess, elsewhere).start();
        assertThatThrownBy(() -> toProcess.write(1)).isInstanceOfSatisfying(
                DeadlockException.class, e -> assertThat(e.waits()).containsKey("stuck")
                        .containsKey("thread " + Thread.currentThread().getName()));
        Awaitility.await().until(() -> !p.isAlive());
        assertThat(p.wasTerminated()).isTrue();
    }

    /** main selecting over channels nobody writes (an Alt without timer or Skip) is reported. */
    @BackendTest
    void altWithNoReadyGuardAndNoProcessIsReported(Backend backend) {
        Channel<Integer> a = new Channel<>("a");
        Channel<Integer> b = new Channel<>("b");
        assertThatThrownBy(() -> new Alt(a, b).select())
                .isInstanceOf(DeadlockException.class);
        assertThat(Thread.interrupted()).isFalse();
        assertThat(a.tryWrite(1)).isFalse();
        assertThat(b.tryWrite(1)).isFalse();
    }

    /** main reading what a live process will write is not reported. */
    @BackendTest
    void readFromAWorkingProcessIsNotReported(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>("c");
        CSPProcess p = new CSPProcess("worker", () -> {
            for (int i = 0; i < 2_000; i++) {
                c.write(i);
            }
        }, c).start();
        long sum = 0;
        for (int i = 0; i < 2_000; i++) {
            sum += c.read();
        }
        p.join();
        assertThat(sum).isEqualTo(1999L * 2000 / 2);
    }

    /** main in barrier.synchronise() with no other party that could ever arrive is reported. */
    @BackendTest
    void barrierWithNoPartnerAndNoProcessIsReported(Backend backend) {
        Barrier barrier = new Barrier(2);
        String me = Thread.currentThread().getName();
        assertThatThrownBy(barrier::synchronise).isInstanceOfSatisfying(DeadlockException.class,
                e -> assertThat(e.waits()).containsKey("thread " + me));
        assertThat(Thread.interrupted()).isFalse();
        assertThat(barrier.phase()).as("the arrival was withdrawn, no phase completed").isZero();
    }

    /**
     * main in barrier.synchronise() while its only partner, a process, waits on a channel that
     * nobody writes: both are reported, the process is terminated, main gets DeadlockException.
     */
    @BackendTest
    void barrierWhosePartnerProcessIsBlockedElsewhereIsReported(Backend backend) throws Exception {
        Barrier barrier = new Barrier(2);
        Channel<Integer> never = new Channel<>("never");
        CSPProcess p = new CSPProcess("partner", () -> {
            never.read();
            barrier.synchronise();
        }, never, barrier).start();
        assertThatThrownBy(barrier::synchronise).isInstanceOfSatisfying(DeadlockException.class,
                e -> assertThat(e.waits()).containsKey("partner")
                        .containsKey("thread " + Thread.currentThread().getName()));
        Awaitility.await().until(() -> !p.isAlive());
        assertThat(p.wasTerminated()).isTrue();
        assertThat(barrier.phase()).isZero();
    }

    /** main synchronising phase after phase with a working process is not reported. */
    @BackendTest
    void barrierWithAWorkingPartnerIsNotReported(Backend backend) throws Exception {
        Barrier barrier = new Barrier(2);
        Channel<Integer> c = new Channel<>("c");
        CSPProcess p = new CSPProcess("worker", () -> {
            for (int i = 0; i < 500; i++) {
                c.write(i);
                barrier.synchronise();
            }
        }, c, barrier).start();
        long sum = 0;
        for (int i = 0; i < 500; i++) {
            sum += c.read();
            barrier.synchronise();
        }
        p.join();
        assertThat(sum).isEqualTo(499L * 500 / 2);
        assertThat(barrier.phase()).isEqualTo(500);
    }
}
