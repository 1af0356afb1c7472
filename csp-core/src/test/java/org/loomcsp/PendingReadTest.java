package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.loomcsp.internal.channel.ChannelCore;
import org.loomcsp.internal.channel.PendingRead;
import org.loomcsp.internal.channel.PendingWrite;
import org.loomcsp.testing.BackendTest;
import org.junit.jupiter.api.Test;

/**
 * Reads that wait in a channel without a thread (internal.channel.PendingRead, csp-net's home
 * serves remote readers with them): each receives one value once, is poisoned, or is withdrawn,
 * never two of these, and its callback runs outside the channel's lock.
 */
class PendingReadTest {

    /** Records how a pending read was decided. */
    static class Recorded extends PendingRead {
        final AtomicInteger received = new AtomicInteger();
        final AtomicInteger poisoned = new AtomicInteger();
        final AtomicReference<Object> value = new AtomicReference<>();
        final AtomicReference<Thread> by = new AtomicReference<>();
        final CountDownLatch decided = new CountDownLatch(1);

        Recorded(Object channel) {
            super(channel);
        }

        @Override
        protected void decided(Object v) {
            if (v == null) {
                poisoned.incrementAndGet();
            } else {
                received.incrementAndGet();
                value.set(v);
            }
            by.set(Thread.currentThread());
            decided.countDown();
        }
    }

    @Test
    void aWaitingWriterHandsItsValueAtOnceAndNoCallbackRuns() throws Exception {
        Channel<String> c = new Channel<>();
        CSPProcess writer = new CSPProcess(() -> c.write("v")).start();
        Awaitility.await().until(() -> c.core.waiterCounts()[1] == 1);
        Recorded r = new Recorded(c);
        assertThat(r.offer()).isEqualTo("v");
        writer.join();
        assertThat(r.cancel()).as("a read served at once cannot be withdrawn").isFalse();
        assertThat(r.received.get() + r.poisoned.get()).isZero();
    }

    @BackendTest
    void aQueuedReadIsServedByTheNextWriterWhoseThreadRunsTheCallbackOnce(Backend backend) throws Exception {
        Channel<String> c = new Channel<>();
        Recorded r = new Recorded(c);
        assertThat(r.offer()).isSameAs(PendingRead.PENDING);
        assertThat(c.core.waiterCounts()).containsExactly(1, 0);
        AtomicReference<Thread> writerThread = new AtomicReference<>();
        new CSPProcess(() -> {
            writerThread.set(Thread.currentThread());
            c.write("v"); // completes at once: the pending read is a waiting reader
        }).start().join();
        r.decided.await();
        assertThat(r.value.get()).isEqualTo("v");
        assertThat(r.received.get()).isEqualTo(1);
        assertThat(r.poisoned.get()).isZero();
        assertThat(r.by.get()).isSameAs(writerThread.get());
        assertThat(r.cancel()).isFalse();
        assertThat(c.core.waiterCounts()).containsExactly(0, 0);
    }

    @Test
    void theCallbackRunsAfterTheChannelLockIsReleasedAndMayWriteTheValueBack() throws Exception {
        Channel<String> c = Channel.buffered(1);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Boolean> putBack = new AtomicReference<>();
        PendingRead r = new PendingRead(c) {
            @Override
            protected void decided(Object v) {
                // the same channel again: would deadlock if the callback ran under its lock
                putBack.set(c.tryWrite((String) v));
                done.countDown();
            }
        };
        assertThat(r.offer()).isSameAs(PendingRead.PENDING);
        assertThat(c.tryWrite("first")).isTrue(); // handed to the pending read, not buffered
        done.await();
        assertThat(putBack.get()).isTrue();
        assertThat(c.tryRead()).isEqualTo("first");
    }

    @BackendTest
    void poisonDecidesEveryPendingReadWithNothing(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        List<Recorded> rs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Recorded r = new Recorded(c);
            rs.add(r);
            assertThat(r.offer()).isSameAs(PendingRead.PENDING);
        }
        new CSPProcess(c::poison).start().join();
        for (Recorded r : rs) {
            r.decided.await();
            assertThat(r.poisoned.get()).isEqualTo(1);
            assertThat(r.received.get()).isZero();
            assertThat(r.cancel()).isFalse();
        }
        assertThat(new Recorded(c).offer()).isSameAs(ChannelCore.POISONED);
        assertThat(c.core.waiterCounts()).containsExactly(0, 0);
    }

    @Test
    void aWithdrawnReadReceivesNothingAndLeavesNothingQueued() {
        Channel<String> c = Channel.buffered(1);
        Recorded r = new Recorded(c);
        assertThat(r.offer()).isSameAs(PendingRead.PENDING);
        assertThat(r.cancel()).isTrue();
        assertThat(r.cancel()).as("idempotent").isTrue();
        assertThat(c.core.waiterCounts()).containsExactly(0, 0);
        assertThat(c.tryWrite("kept")).isTrue();
        assertThat(c.tryRead()).as("the value went to the buffer, not to the withdrawn read").isEqualTo("kept");
        c.poison();
        assertThat(r.received.get() + r.poisoned.get()).isZero();
    }

    @Test
    void aReadWithdrawnBeforeItIsOfferedIsNotQueued() {
        Channel<String> c = new Channel<>();
        Recorded r = new Recorded(c);
        assertThat(r.cancel()).isTrue();
        assertThat(r.offer()).isSameAs(ChannelCore.NONE);
        assertThat(c.core.waiterCounts()).containsExactly(0, 0);
    }

    @Test
    void aPendingReadIsOfferedOnlyOnce() {
        Channel<String> c = new Channel<>();
        Recorded r = new Recorded(c);
        r.offer();
        assertThatThrownBy(r::offer).isInstanceOf(IllegalStateException.class).hasMessageContaining("offered once");
    }

    @BackendTest
    void anAltOutputGuardServesAPendingReadAndABufferedValueIsTakenAtOnce(Backend backend) throws Exception {
        Channel<String> c = new Channel<>();
        Channel<String> other = new Channel<>();
        Recorded r = new Recorded(c);
        assertThat(r.offer()).isSameAs(PendingRead.PENDING);
        AtomicReference<Boolean> chose = new AtomicReference<>();
        new CSPProcess(() -> {
            Alt alt = new Alt(other, c.writeGuard("alt"));
            alt.select();
            chose.set(alt.lastSelected() != other);
        }).start().join();
        r.decided.await();
        assertThat(chose.get()).isTrue();
        assertThat(r.value.get()).isEqualTo("alt");

        Channel<String> b = Channel.buffered(2);
        b.write("b1");
        CSPProcess blocked = new CSPProcess(() -> {
            b.write("b2");
            b.write("b3"); // buffer full: waits until a read makes room
        }).start();
        Awaitility.await().until(() -> b.core.waiterCounts()[1] == 1);
        Recorded first = new Recorded(b);
        assertThat(first.offer()).as("the head of the buffer").isEqualTo("b1");
        blocked.join(); // the read moved the waiting writer's value into the buffer
        assertThat(new Recorded(b).offer()).isEqualTo("b2");
        assertThat(new Recorded(b).offer()).isEqualTo("b3");
    }

    /**
     * A pending read or write that a partner decides later is traced when it is decided, under
     * the thread that offered it, not under the partner whose thread runs the callback.
     */
    @Test
    void pendingOperationsDecidedLaterAreTracedUnderTheThreadThatOfferedThem() throws Exception {
        Channel<String> c = new Channel<>("traced");
        org.loomcsp.trace.TraceModel model;
        try (org.loomcsp.trace.Tracer t = org.loomcsp.trace.Tracer.startInMemory()) {
            Recorded r = new Recorded(c);
            PendingWriteTest.Recorded w = new PendingWriteTest.Recorded(c, "second");
            Thread offerer = Thread.ofPlatform().name("offerer").start(() -> assertThat(r.offer()).isSameAs(PendingRead.PENDING));
            offerer.join();
            new CSPProcess("writer", () -> c.write("first")).start().join();
            r.decided.await();
            Thread offerer2 = Thread.ofPlatform().name("offerer2").start(() -> assertThat(w.offer()).isEqualTo(PendingWrite.PENDING));
            offerer2.join();
            new CSPProcess("reader", () -> assertThat(c.read()).isEqualTo("second")).start().join();
            w.decided.await();
            model = t.model();
        }
        org.loomcsp.trace.TraceModel.ChannelInfo info = model.channels().stream()
                .filter(ch -> ch.name().equals("traced")).findFirst().orElseThrow();
        assertThat(info.readers()).containsExactlyInAnyOrder("thread:offerer", "reader");
        assertThat(info.writers()).containsExactlyInAnyOrder("writer", "thread:offerer2");
    }

    /**
     * Writer processes write 0..n-1 while a driver keeps up to 8 pending reads outstanding and
     * withdraws some at random: every value is received exactly once, by a read that was not
     * withdrawn; then poison decides the reads still waiting with nothing. Prints its seed;
     * -Dloomcsp.pending.seed=N replays the random choices (the interleaving is the scheduler's).
     */
    @BackendTest
    void everyValueIsReceivedOnceByAReadThatWasNotWithdrawn(Backend backend) throws Exception {
        long seed = Long.getLong("loomcsp.pending.seed", System.nanoTime());
        System.out.printf("PendingReadTest %s: seed %d (replay: -Dloomcsp.pending.seed=%d)%n", backend, seed, seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 20_000;
        int writers = 3;
        int capacity = rnd.nextInt(3); // rendezvous, or a small buffer
        Channel<Integer> c = capacity == 0 ? new Channel<>() : Channel.buffered(capacity);
        List<CSPProcess> ws = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int first = w;
            ws.add(new CSPProcess(() -> {
                for (int i = first; i < n; i += writers) {
                    c.write(i);
                }
            }).start());
        }
        ConcurrentHashMap<Integer, Integer> ledger = new ConcurrentHashMap<>();
        AtomicInteger count = new AtomicInteger();
        Semaphore room = new Semaphore(8);
        class Read extends Recorded {
            Read() {
                super(c);
            }

            @Override
            protected void decided(Object v) {
                super.decided(v);
                if (v != null) {
                    ledger.merge((Integer) v, 1, Integer::sum);
                    count.incrementAndGet();
                }
                room.release();
            }
        }
        List<Read> reads = new ArrayList<>();
        List<Boolean> withdrawn = new ArrayList<>();
        while (count.get() < n) {
            room.acquire();
            Read r = new Read();
            reads.add(r);
            withdrawn.add(false);
            Object v = r.offer();
            if (v == PendingRead.PENDING) {
                int k = reads.size() - 1 - rnd.nextInt(Math.min(8, reads.size()));
                if (rnd.nextInt(4) == 0 && reads.get(k).cancel() && !withdrawn.get(k)) {
                    withdrawn.set(k, true);
                    room.release();
                }
            } else {
                ledger.merge((Integer) v, 1, Integer::sum);
                count.incrementAndGet();
                room.release();
            }
        }
        for (CSPProcess w : ws) {
            w.join();
        }
        c.poison();
        for (int i = 0; i < reads.size(); i++) {
            Read r = reads.get(i);
            if (withdrawn.get(i)) {
                assertThat(r.received.get() + r.poisoned.get()).as("read %d withdrawn (seed %d)", i, seed).isZero();
            } else if (r.decided.getCount() == 0 || r.poisoned.get() > 0) {
                assertThat(r.received.get() + r.poisoned.get()).as("read %d decided once (seed %d)", i, seed).isEqualTo(1);
            }
        }
        for (int i = 0; i < n; i++) {
            assertThat(ledger.get(i)).as("value %d received once (seed %d)", i, seed).isEqualTo(1);
        }
        assertThat(ledger).hasSize(n);
    }
}
