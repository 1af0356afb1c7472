package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.loomcsp.testing.BackendTest;

class ChannelRendezvousTest {

    /** A write does not return before a reader has taken the value. */
    @BackendTest
    void writeReturnsOnlyAfterAReaderTookTheValue(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        AtomicBoolean written = new AtomicBoolean();
        CountDownLatch writerStarted = new CountDownLatch(1);
        CSPProcess writer = new CSPProcess(() -> {
            writerStarted.countDown();
            c.write(42);
            written.set(true);
        }).start();
        writerStarted.await();
        // The writer is blocked until we read; it cannot have returned yet.
        assertThat(writer.join(Duration.ofMillis(50))).isFalse();
        assertThat(written).isFalse();
        assertThat(c.read()).isEqualTo(42);
        writer.join();
        assertThat(written).isTrue();
    }

    /** A read that starts before the write, and a write before the read, both complete. */
    @BackendTest
    void readBeforeWriteAndWriteBeforeReadBothComplete(Backend backend) throws Exception {
        Channel<String> c = new Channel<>();
        CSPProcess reader = new CSPProcess(() -> assertThat(c.read()).isEqualTo("a")).start();
        c.write("a");
        reader.join();
        CSPProcess writer = new CSPProcess(() -> c.write("b")).start();
        assertThat(c.read()).isEqualTo("b");
        writer.join();
    }

    /** N writers and M readers on one channel: every value is delivered exactly once. */
    @BackendTest
    void anyToAnyDeliversEveryValueExactlyOnce(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        int writers = 5;
        int readers = 4;
        int perWriter = backend == Backend.VIRTUAL ? 2_000 : 300;
        int total = writers * perWriter;
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        List<CSPProcess> ps = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int base = w * perWriter;
            ps.add(new CSPProcess(() -> {
                for (int i = 0; i < perWriter; i++) {
                    c.write(base + i);
                }
            }));
        }
        int[] shares = new int[readers];
        for (int i = 0; i < total; i++) {
            shares[i % readers]++;
        }
        for (int r = 0; r < readers; r++) {
            int share = shares[r];
            ps.add(new CSPProcess(() -> {
                for (int i = 0; i < share; i++) {
                    got.add(c.read());
                }
            }));
        }
        new Par(ps).run();
        assertThat(got).hasSize(total);
        assertThat(new java.util.HashSet<>(got)).hasSize(total);
    }

    /** Values pass by reference: identity is preserved, and a channel can travel on a channel. */
    @BackendTest
    void valuesPassByReferenceIncludingChannels(Backend backend) throws Exception {
        Channel<Channel<String>> chans = new Channel<>();
        Channel<String> inner = new Channel<>();
        Object[] seen = new Object[1];
        CSPProcess p = new CSPProcess(() -> {
            Channel<String> got = chans.read();
            seen[0] = got;
            got.write("through the mobile channel");
        }).start();
        chans.write(inner);
        assertThat(inner.read()).isEqualTo("through the mobile channel");
        p.join();
        assertThat(seen[0]).isSameAs(inner);
    }

    /** Null is rejected with a message that says what to do instead. */
    @BackendTest
    void nullIsRejected(Backend backend) {
        Channel<Object> c = new Channel<>();
        assertThatThrownBy(() -> c.write(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("Optional");
        assertThatThrownBy(() -> c.tryWrite(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> c.writeGuard(null)).isInstanceOf(NullPointerException.class);
    }

    /** A large value (1 MiB) passes; there is no size limit. */
    @BackendTest
    void largeValuesPass(Backend backend) throws Exception {
        Channel<byte[]> c = new Channel<>();
        byte[] big = new byte[1 << 20];
        CSPProcess w = new CSPProcess(() -> c.write(big)).start();
        assertThat(c.read()).isSameAs(big);
        w.join();
    }

    /** tryRead/tryWrite never block and succeed only with a ready partner. */
    @BackendTest
    void tryOperationsNeverBlock(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        assertThat(c.tryRead()).isNull();
        assertThat(c.tryWrite(1)).isFalse();
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<Integer> got = new AtomicReference<>();
        CSPProcess reader = new CSPProcess(() -> {
            waiting.countDown();
            got.set(c.read());
        }).start();
        waiting.await();
        org.awaitility.Awaitility.await().until(() -> c.tryWrite(7));
        reader.join();
        assertThat(got.get()).isEqualTo(7);
    }

    /** Timed operations give up after the timeout and leave the channel usable. */
    @BackendTest
    void timedOperationsTimeOutCleanly(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        assertThat(c.read(Duration.ofMillis(20))).isNull();
        assertThat(c.write(1, Duration.ofMillis(20))).isFalse();
        CSPProcess w = new CSPProcess(() -> c.write(5)).start();
        assertThat(c.read(Duration.ofSeconds(30))).isEqualTo(5);
        w.join();
        assertThat(c.core.waiterCounts()).containsExactly(0, 0);
    }

    /** An interrupted reader takes nothing; the value goes to the next reader. */
    @BackendTest
    void interruptCancelsOnlyThatOperation(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread t = Thread.ofPlatform().start(() -> {
            started.countDown();
            try {
                c.read();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        started.await();
        org.awaitility.Awaitility.await().until(() -> c.core.waiterCounts()[0] == 1);
        t.interrupt();
        t.join();
        assertThat(interrupted).isTrue();
        assertThat(c.core.waiterCounts()).containsExactly(0, 0);
        CSPProcess w = new CSPProcess(() -> c.write(9)).start();
        assertThat(c.read()).isEqualTo(9);
        w.join();
    }

    /** Many cancelled waiters leave nothing behind. */
    @BackendTest
    void cancelledWaitersLeaveNoGarbage(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        for (int i = 0; i < 2_000; i++) {
            assertThat(c.read(Duration.ofNanos(1))).isNull();
        }
        assertThat(c.core.waiterCounts()).containsExactly(0, 0);
    }

    /** Buffered channels: writes complete while there is room; order is FIFO. */
    @BackendTest
    void bufferedChannelIsFifoAndBlocksOnlyWhenFull(Backend backend) throws Exception {
        Channel<Integer> c = Channel.buffered(3);
        assertThat(c.tryWrite(1)).isTrue();
        assertThat(c.tryWrite(2)).isTrue();
        c.write(3);
        assertThat(c.tryWrite(4)).isFalse();
        CSPProcess w = new CSPProcess(() -> c.write(4)).start();
        assertThat(c.read()).isEqualTo(1);
        w.join();
        assertThat(List.of(c.read(), c.read(), c.read())).containsExactly(2, 3, 4);
        assertThat(c.tryRead()).isNull();
    }

    /** Many writers and readers on a buffered channel: exactly-once delivery. */
    @BackendTest
    void bufferedAnyToAnyDeliversExactlyOnce(Backend backend) throws Exception {
        Channel<Integer> c = Channel.buffered(4);
        int n = 4_000;
        var seen = ConcurrentHashMap.<Integer>newKeySet();
        new Par(
                new CSPProcess(() -> { for (int i = 0; i < n / 2; i++) c.write(i); }),
                new CSPProcess(() -> { for (int i = n / 2; i < n; i++) c.write(i); }),
                new CSPProcess(() -> { for (int i = 0; i < n / 2; i++) assertThat(seen.add(c.read())).isTrue(); }),
                new CSPProcess(() -> { for (int i = 0; i < n / 2; i++) assertThat(seen.add(c.read())).isTrue(); }))
                .run();
        assertThat(seen).hasSize(n);
    }
}
