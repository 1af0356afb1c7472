package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.loomcsp.internal.deadlock.Detector;
import org.loomcsp.testing.BackendTest;

/**
 * While an {@link ExternalSource} is open, a process waiting on a channel that only the outside
 * source could write to is not a deadlock, however many detection rounds run; once every source
 * is closed, the same wait is reported to the joiner.
 */
class ExternalSourceTest {

    @BackendTest
    void anOpenSourceVetoesTheDiagnosisAndClosingItRestoresIt(Backend backend) throws Exception {
        Channel<String> fromOutside = new Channel<>("from-outside");
        CSPProcess waiter = new CSPProcess("waiter", () -> fromOutside.read(), fromOutside);
        AtomicReference<Throwable> joinEnded = new AtomicReference<>();
        ExternalSource source = ExternalSource.open("a test's pretend network");
        try {
            waiter.start();
            Thread joiner = Thread.ofPlatform().name("joiner").start(() -> {
                try {
                    waiter.join();
                    joinEnded.set(new AssertionError("join returned normally"));
                } catch (Throwable t) {
                    joinEnded.set(t);
                }
            });
            Awaitility.await().until(() -> waiter.thread() != null
                    && waiter.thread().getState() == Thread.State.WAITING);
            long rounds = Detector.checks();
            Awaitility.await().until(() -> Detector.checks() >= rounds + 3);
            assertThat(joinEnded.get()).as("no deadlock while the source is open").isNull();
            assertThat(joiner.isAlive()).isTrue();

            source.close();
            source.close(); // idempotent: must not close another holder's count
            assertThat(source.isOpen()).isFalse();
            joiner.join();
            assertThat(joinEnded.get()).isInstanceOf(DeadlockException.class)
                    .hasMessageContaining("waiter");
        } finally {
            source.close();
            waiter.terminate();
        }
    }
}
