package org.loomcsp.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.loomcsp.Alt;
import org.loomcsp.Backend;
import org.loomcsp.Barrier;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.ProcessFailedException;
import org.loomcsp.Timer;
import org.loomcsp.internal.exec.FaultInjection;
import org.loomcsp.testing.BackendTest;

/**
 * An Error thrown inside a blocking operation (at the park, where a StackOverflowError or an
 * OutOfMemoryError would surface) leaves nothing behind: no later tryWrite or tryRead completes
 * with the party that is gone, and a barrier does not count its arrival (issue 13, item 2). The
 * Error is injected with {@link FaultInjection}'s park hook.
 *
 * <p>The victims are processes that know no channel (they reach it through a {@link Hidden}
 * holder, which loomcsp does not search), so that their failure does not poison the channel: the
 * test then sees exactly what the failed operation left.
 */
class ErrorInsideBlockingOperationTest {

    /** The injected fault. */
    static final class InjectedFault extends Error {
        private static final long serialVersionUID = 1L;

        InjectedFault() {
            super("injected at the park point");
        }
    }

    /**
     * A holder that is neither a channel end, a collection, a record nor a lambda, so a process
     * that captures it does not know the channel inside (ADR 0087).
     */
    private static final class Hidden<T> {
        private final T value;

        Hidden(T value) {
            this.value = value;
        }

        T get() {
            return value;
        }
    }

    @AfterEach
    void removeHook() {
        FaultInjection.setParkHook(null);
    }

    /** The first park of the thread named {@code name} throws {@link InjectedFault}. */
    private static void failFirstParkOf(String name) {
        AtomicBoolean fired = new AtomicBoolean();
        FaultInjection.setParkHook(blocker -> {
            if (name.equals(Thread.currentThread().getName()) && fired.compareAndSet(false, true)) {
                throw new InjectedFault();
            }
        });
    }

    /** Runs {@code body} as process "victim" whose first park fails; checks it failed so. */
    private static void victim(CSPProcess.Body body) {
        failFirstParkOf("victim");
        CSPProcess p = new CSPProcess("victim", body);
        assertThatThrownBy(p::run).isInstanceOf(ProcessFailedException.class)
                .hasCauseInstanceOf(InjectedFault.class);
    }

    /** A reader that fails while parked in read() is not handed a later tryWrite's value. */
    @BackendTest
    void noTryWriteSucceedsAfterAnErrorInRead(Backend backend) {
        Channel<Integer> c = new Channel<>("c");
        var hc = new Hidden<>(c);
        victim(() -> hc.get().read());
        assertThat(c.tryWrite(1)).isFalse();
    }

    /** The same for a timed read. */
    @BackendTest
    void noTryWriteSucceedsAfterAnErrorInATimedRead(Backend backend) {
        Channel<Integer> c = new Channel<>("c");
        var hc = new Hidden<>(c);
        victim(() -> hc.get().read(Duration.ofHours(1)));
        assertThat(c.tryWrite(1)).isFalse();
    }

    /** A writer that fails while parked in write() gives its value to nobody. */
    @BackendTest
    void noTryReadSucceedsAfterAnErrorInWrite(Backend backend) {
        Channel<Integer> c = new Channel<>("c");
        var hc = new Hidden<>(c);
        victim(() -> hc.get().write(1));
        assertThat(c.tryRead()).isNull();
        assertThat(c.tryWrite(2)).isFalse();
    }

    /** The same for a timed write. */
    @BackendTest
    void noTryReadSucceedsAfterAnErrorInATimedWrite(Backend backend) {
        Channel<Integer> c = new Channel<>("c");
        var hc = new Hidden<>(c);
        victim(() -> hc.get().write(1, Duration.ofHours(1)));
        assertThat(c.tryRead()).isNull();
    }

    /** A writer blocked on a full buffer that fails does not get its value into the buffer. */
    @BackendTest
    void failedWriterOnAFullBufferLeavesOnlyTheBufferedValue(Backend backend) {
        Channel<Integer> c = Channel.buffered("b", 1);
        assertThat(c.tryWrite(0)).isTrue();
        var hc = new Hidden<>(c);
        victim(() -> hc.get().write(1));
        assertThat(c.tryRead()).isEqualTo(0);
        assertThat(c.tryRead()).isNull();
        assertThat(c.tryWrite(2)).isTrue();
        assertThat(c.tryWrite(3)).isFalse();
    }

    /** An Alt over input guards that fails while waiting is not completed by a tryWrite. */
    @BackendTest
    void noTryWriteSucceedsAfterAnErrorInAnAlt(Backend backend) {
        Channel<Integer> a = new Channel<>("a");
        Channel<Integer> b = new Channel<>("b");
        var ha = new Hidden<>(a);
        var hb = new Hidden<>(b);
        victim(() -> new Alt(ha.get(), hb.get()).select());
        assertThat(a.tryWrite(1)).isFalse();
        assertThat(b.tryWrite(1)).isFalse();
    }

    /** An Alt with an output guard and a timer (a timed Alt) leaves no value to read. */
    @BackendTest
    void noTryReadSucceedsAfterAnErrorInATimedAltWithAnOutputGuard(Backend backend) {
        Channel<Integer> a = new Channel<>("a");
        Channel<Integer> b = new Channel<>("b");
        var ha = new Hidden<>(a);
        var hb = new Hidden<>(b);
        victim(() -> {
            Timer t = new Timer();
            t.setAlarm(Duration.ofHours(1));
            new Alt(ha.get().writeGuard(1), hb.get(), t).priSelect();
        });
        assertThat(a.tryRead()).isNull();
        assertThat(b.tryWrite(1)).isFalse();
    }

    /**
     * A participant that fails while waiting at a barrier withdraws its arrival: the next
     * arrival of a two-party barrier waits for a real partner instead of completing the phase.
     */
    @BackendTest
    void barrierDoesNotCountTheArrivalOfAFailedParticipant(Backend backend) throws Exception {
        Barrier barrier = new Barrier(2);
        victim(barrier::synchronise);
        CSPProcess other = new CSPProcess("other", barrier::synchronise).start();
        Awaitility.await().until(() -> !other.isAlive()
                || other.thread().getState() == Thread.State.WAITING);
        assertThat(other.isAlive()).as("the other participant waits for a partner").isTrue();
        assertThat(barrier.phase()).isZero();
        new CSPProcess("partner", barrier::synchronise).run();
        other.join();
        assertThat(barrier.phase()).isEqualTo(1);
    }
}
