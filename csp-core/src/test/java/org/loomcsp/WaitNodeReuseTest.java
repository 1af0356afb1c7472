package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.loomcsp.internal.channel.WaitProbe;
import org.loomcsp.testing.BackendTest;

/**
 * A process reuses the wait node of its last blocking read or write (ADR 0003's amendment); the
 * deadlock detector must still tell one wait from the next, or a process that moved on between
 * two of its snapshots would look stuck in the same wait.
 */
class WaitNodeReuseTest {

    @BackendTest
    void aProcessThatMovedOnIsNeverSeenInTheSameWaitAlthoughItReusesItsNode(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        AtomicReference<Thread> thread = new AtomicReference<>();
        CSPProcess reader = new CSPProcess(() -> {
            thread.set(Thread.currentThread());
            for (int i = 0; i < 3; i++) {
                c.read();
            }
        }).start();
        WaitProbe.ChannelWait previous = parkedWait(thread, c);
        for (int i = 0; i < 2; i++) {
            c.write(i); // the reader takes it and parks in its next read, on its reused node
            WaitProbe.ChannelWait next = parkedWait(thread, c);
            assertThat(WaitProbe.sameWait(previous.token(), next.token()))
                    .as("read %d and read %d are different waits", i, i + 1).isFalse();
            assertThat(WaitProbe.sameWait(next.token(), WaitProbe.probe(thread.get(), c.core)
                    .token())).as("while it lasts, a wait is the same wait").isTrue();
            previous = next;
        }
        c.write(2);
        reader.join();
    }

    /** The reader's wait once it is parked in a read of {@code c}. */
    private static WaitProbe.ChannelWait parkedWait(AtomicReference<Thread> thread, Channel<Integer> c) {
        AtomicReference<WaitProbe.ChannelWait> w = new AtomicReference<>();
        Awaitility.await().until(() -> {
            Thread t = thread.get();
            if (t == null || LockSupport.getBlocker(t) != c.core) {
                return false;
            }
            w.set(WaitProbe.probe(t, c.core));
            return w.get() != null;
        });
        return w.get();
    }
}
