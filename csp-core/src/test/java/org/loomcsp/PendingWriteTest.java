package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.loomcsp.internal.channel.ChannelCore;
import org.loomcsp.internal.channel.PendingWrite;
import org.loomcsp.testing.BackendTest;
import org.junit.jupiter.api.Test;

/**
 * Writes that wait in a channel without a thread (internal.channel.PendingWrite, csp-net's home
 * answers remote writes with them): each is taken once, poisoned, or withdrawn, never two of
 * these, and its callback runs outside the channel's lock.
 */
class PendingWriteTest {

    /** Records how a pending write was decided. */
    static final class Recorded extends PendingWrite {
        final AtomicInteger taken = new AtomicInteger();
        final AtomicInteger poisoned = new AtomicInteger();
        final AtomicReference<Thread> by = new AtomicReference<>();
        final CountDownLatch decided = new CountDownLatch(1);

        final Object value;

        Recorded(Object channel, Object v) {
            super(channel, v);
            this.value = v;
        }

        Object value() {
            return value;
        }

        @Override
        protected void decided(boolean wasTaken) {
            (wasTaken ? taken : poisoned).incrementAndGet();
            by.set(Thread.currentThread());
            decided.countDown();
        }
    }

    @Test
    void aWaitingReaderTakesTheValueAtOnceAndNoCallbackRuns() throws Exception {
        Channel<String> c = new Channel<>();
        AtomicReference<String> got = new AtomicReference<>();
        CSPProcess reader = new CSPProcess(() -> got.set(c.read())).start();
        Awaitility.await().until(() -> c.core.waiterCounts()[0] == 1);
        Recorded w = new Recorded(c, "v");
        assertThat(w.offer()).isEqualTo(ChannelCore.WRITTEN);
        reader.join();
        assertThat(got.get()).isEqualTo("v");
        assertThat(w.cancel()).as("a write taken at once cannot be withdrawn").isFalse();
        assertThat(w.taken.get() + w.poisoned.get()).isZero();
    }

    @BackendTest
    void aQueuedValueIsTakenByTheNextReaderWhoseThreadRunsTheCallbackOnce(Backend backend) throws Exception {
        Channel<String> c = new Channel<>();
        Recorded w = new Recorded(c, "v");
        assertThat(w.offer()).isEqualTo(PendingWrite.PENDING);
        assertThat(c.core.waiterCounts()).containsExactly(0, 1);
        AtomicReference<String> got = new AtomicReference<>();
        AtomicReference<Thread> readerThread = new AtomicReference<>();
        new CSPProcess(() -> {
            readerThread.set(Thread.currentThread());
            got.set(c.read());
        }).start().join();
        w.decided.await();
        assertThat(got.get()).isEqualTo("v");
        assertThat(w.taken.get()).isEqualTo(1);
        assertThat(w.poisoned.get()).isZero();
        assertThat(w.by.get()).isSameAs(readerThread.get());
        assertThat(w.cancel()).isFalse();
        assertThat(c.core.waiterCounts()).containsExactly(0, 0);
    }

    @Test
    void theCallbackRunsAfterTheChannelLockIsReleased() throws Exception {
        Channel<String> c = new Channel<>();
        AtomicReference<String> seenInCallback = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        PendingWrite w = new PendingWrite(c, "first") {
            @Override
            protected void decided(boolean taken) {
                // the same channel again: would deadlock if the callback ran under its lock
                seenInCallback.set(String.valueOf(c.tryRead()));
                done.countDown();
            }
        };
        assertThat(w.offer()).isEqualTo(PendingWrite.PENDING);
        Recorded second = new Recorded(c, "second");
        assertThat(second.offer()).isEqualTo(PendingWrite.PENDING);
        assertThat(c.tryRead()).isEqualTo("first");
        done.await();
        assertThat(seenInCallback.get()).isEqualTo("second");
        assertThat(second.taken.get()).isEqualTo(1);
    }

    @BackendTest
    void poisonDecidesEveryPendingWriteNotTaken(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        List<Recorded> ws = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Recorded w = new Recorded(c, i);
            ws.add(w);
            assertThat(w.offer()).isEqualTo(PendingWrite.PENDING);
        }
        new CSPProcess(c::poison).start().join();
        for (Recorded w : ws) {
            w.decided.await();
            assertThat(w.poisoned.get()).isEqualTo(1);
            assertThat(w.taken.get()).isZero();
            assertThat(w.cancel()).isFalse();
        }
        assertThat(new Recorded(c, 9).offer()).isEqualTo(ChannelCore.WRITE_POISONED);
        assertThat(c.core.waiterCounts()).containsExactly(0, 0);
    }

    @Test
    void aWithdrawnWriteIsNeverTakenAndLeavesNothingQueued() throws Exception {
        Channel<String> c = new Channel<>();
        Recorded w = new Recorded(c, "gone");
        assertThat(w.offer()).isEqualTo(PendingWrite.PENDING);
        assertThat(w.cancel()).isTrue();
        assertThat(w.cancel()).as("idempotent, and still not taken").isTrue();
        assertThat(c.core.waiterCounts()).containsExactly(0, 0);
        assertThat(c.tryRead()).isNull();
        c.poison();
        assertThat(w.taken.get() + w.poisoned.get()).isZero();
    }

    @Test
    void aWriteWithdrawnBeforeItIsOfferedIsNotWritten() {
        Channel<String> c = new Channel<>();
        Recorded w = new Recorded(c, "late");
        assertThat(w.cancel()).isTrue();
        assertThat(w.offer()).isEqualTo(ChannelCore.NOT_WRITTEN);
        assertThat(c.core.waiterCounts()).containsExactly(0, 0);
    }

    /**
     * A withdrawal racing the offer itself (a node's heartbeat may end a stream while its network
     * thread offers): either the withdrawal wins and the reader never gets the value, or the
     * value is delivered and the withdrawal says so; never both.
     */
    @BackendTest
    void aWithdrawalRacingTheOfferNeverWinsForADeliveredValue(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        java.util.Set<Integer> got = ConcurrentHashMap.newKeySet();
        CountDownLatch readerDone = new CountDownLatch(1);
        new CSPProcess(() -> {
            try {
                while (true) {
                    got.add(c.read());
                }
            } catch (ChannelPoison p) {
                readerDone.countDown();
            }
        }).start();
        int n = 3_000;
        boolean[] withdrawn = new boolean[n];
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        AtomicReference<Recorded> current = new AtomicReference<>();
        Thread canceller = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    start.await();
                    Recorded w;
                    while ((w = current.get()) == null || (Integer) w.value() != i) {
                        Thread.onSpinWait();
                    }
                    withdrawn[i] = w.cancel();
                    start.await();
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        for (int i = 0; i < n; i++) {
            Recorded w = new Recorded(c, i);
            current.set(w);
            start.await();
            w.offer();
            start.await(); // the canceller has decided
        }
        canceller.join();
        Awaitility.await().until(() -> {
            for (int i = 0; i < n; i++) {
                if (!withdrawn[i] && !got.contains(i)) {
                    return false; // taken: the reader's read is on its way
                }
            }
            return true;
        });
        c.poison();
        readerDone.await();
        for (int i = 0; i < n; i++) {
            assertThat(got.contains(i)).as("value %d delivered iff not withdrawn", i).isEqualTo(!withdrawn[i]);
        }
    }

    @Test
    void aPendingWriteIsOfferedOnlyOnce() {
        Channel<String> c = new Channel<>();
        Recorded w = new Recorded(c, "v");
        w.offer();
        assertThatThrownBy(() -> w.offer())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("offered once");
    }

    @BackendTest
    void anAltTakesAPendingWriteAndABufferRefillsFromOne(Backend backend) throws Exception {
        Channel<String> c = new Channel<>();
        Channel<String> other = new Channel<>();
        Recorded w = new Recorded(c, "alt");
        assertThat(w.offer()).isEqualTo(PendingWrite.PENDING);
        AtomicReference<String> got = new AtomicReference<>();
        new CSPProcess(() -> {
            Alt alt = new Alt(other, c);
            Object v = alt.select();
            got.set(alt.selected(c) ? String.valueOf(v) : "other: " + v);
        }).start().join();
        w.decided.await();
        assertThat(got.get()).isEqualTo("alt");
        assertThat(w.taken.get()).isEqualTo(1);

        Channel<String> b = Channel.buffered(1);
        Recorded first = new Recorded(b, "b1");
        Recorded second = new Recorded(b, "b2");
        assertThat(first.offer()).isEqualTo(ChannelCore.WRITTEN); // into the buffer
        assertThat(second.offer()).isEqualTo(PendingWrite.PENDING); // buffer full
        assertThat(b.read()).isEqualTo("b1");
        second.decided.await(); // moved into the buffer: taken
        assertThat(second.taken.get()).isEqualTo(1);
        assertThat(b.read()).isEqualTo("b2");
    }

    /**
     * Many pending writes, readers that take them and a canceller that withdraws them at random,
     * then poison: every value ends exactly one way (read once and decided taken; withdrawn and
     * never read; or poisoned and never read). Prints its seed; -Dloomcsp.pending.seed=N replays
     * the random choices (the interleaving is the scheduler's).
     */
    @BackendTest
    void everyValueIsTakenWithdrawnOrPoisonedExactlyOnce(Backend backend) throws Exception {
        long seed = Long.getLong("loomcsp.pending.seed", System.nanoTime());
        System.out.printf("PendingWriteTest %s: seed %d (replay: -Dloomcsp.pending.seed=%d)%n", backend, seed, seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 20_000;
        int capacity = rnd.nextInt(3); // rendezvous, or a small buffer
        Channel<Integer> c = capacity == 0 ? new Channel<>() : Channel.buffered(capacity);
        ConcurrentHashMap<Integer, Integer> reads = new ConcurrentHashMap<>();
        int readers = 3;
        CountDownLatch readersDone = new CountDownLatch(readers);
        for (int r = 0; r < readers; r++) {
            new CSPProcess(() -> {
                try {
                    while (true) {
                        reads.merge(c.read(), 1, Integer::sum);
                    }
                } catch (ChannelPoison p) {
                    readersDone.countDown();
                }
            }).start();
        }
        List<Recorded> ws = new ArrayList<>(n);
        boolean[] withdrawn = new boolean[n];
        int poisonAt = n - rnd.nextInt(n / 10);
        for (int i = 0; i < n; i++) {
            if (i == poisonAt) {
                c.poison();
            }
            Recorded w = new Recorded(c, i);
            ws.add(w);
            int r = w.offer();
            if (r == ChannelCore.WRITTEN) {
                w.taken.incrementAndGet(); // taken at once: no callback, counted here
            } else if (r == ChannelCore.WRITE_POISONED) {
                w.poisoned.incrementAndGet();
            }
            if (i >= 8 && rnd.nextInt(4) == 0) {
                int k = i - rnd.nextInt(8);
                withdrawn[k] |= ws.get(k).cancel();
            }
        }
        c.poison();
        readersDone.await();
        for (int i = 0; i < n; i++) {
            Recorded w = ws.get(i);
            int outcomes = w.taken.get() + w.poisoned.get() + (withdrawn[i] ? 1 : 0);
            if (outcomes == 0) {
                w.decided.await(); // a callback still on its way
                outcomes = w.taken.get() + w.poisoned.get();
            }
            int readCount = reads.getOrDefault(i, 0);
            assertThat(outcomes).as("value %d: one outcome (seed %d)", i, seed).isEqualTo(1);
            if (w.taken.get() == 1) {
                // a buffered value taken into the buffer may be discarded by the poison
                assertThat(readCount).as("value %d read (seed %d)", i, seed).isLessThanOrEqualTo(1);
                if (capacity == 0) {
                    assertThat(readCount).as("value %d read once (seed %d)", i, seed).isEqualTo(1);
                }
            } else {
                assertThat(readCount).as("value %d never read (seed %d)", i, seed).isZero();
            }
        }
    }
}
