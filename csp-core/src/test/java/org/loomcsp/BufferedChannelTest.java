package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loomcsp.testing.BackendExtension;

/**
 * Buffered channels with capacities 1, 2 and 16 on both backends (Go's chan_test capacity sweep:
 * writes complete while there is room, block when full, FIFO, exactly-once, poison, Alt).
 */
class BufferedChannelTest {

    static Stream<Arguments> backendsAndCapacities() {
        return Stream.of(Backend.values()).flatMap(b ->
                Stream.of(1, 2, 16).map(c -> Arguments.of(b, c)));
    }

    /** Writes complete without a reader while there is room; the next one does not. */
    @ParameterizedTest(name = "{0} capacity {1}")
    @MethodSource("backendsAndCapacities")
    @ExtendWith(BackendExtension.class)
    void writesCompleteWithoutAReaderUntilTheBufferIsFull(Backend backend, int capacity)
            throws Exception {
        Channel<Integer> c = Channel.buffered(capacity);
        assertThat(c.capacity()).isEqualTo(capacity);
        for (int i = 0; i < capacity; i++) {
            if (i % 2 == 0) {
                c.write(i);
            } else {
                assertThat(c.tryWrite(i)).isTrue();
            }
        }
        assertThat(c.tryWrite(-1)).isFalse();
        assertThat(c.write(-1, Duration.ofMillis(10))).isFalse();
        assertThat(c.core.bufferedCount()).isEqualTo(capacity);
        assertThat(c.core.waiterCounts()).containsExactly(0, 0);
        for (int i = 0; i < capacity; i++) {
            assertThat(c.read()).isEqualTo(i);
        }
        assertThat(c.tryRead()).isNull();
    }

    /** A writer blocked on a full buffer completes when a reader frees a slot, in FIFO order. */
    @ParameterizedTest(name = "{0} capacity {1}")
    @MethodSource("backendsAndCapacities")
    @ExtendWith(BackendExtension.class)
    void blockedWriterCompletesWhenASlotFrees(Backend backend, int capacity) throws Exception {
        Channel<Integer> c = Channel.buffered(capacity);
        for (int i = 0; i < capacity; i++) {
            c.write(i);
        }
        CSPProcess w = new CSPProcess(() -> c.write(capacity)).start();
        Awaitility.await().until(() -> c.core.waiterCounts()[1] == 1);
        assertThat(w.isAlive()).isTrue();
        assertThat(c.read()).isZero();
        w.join(); // its value moved into the buffer
        assertThat(c.core.bufferedCount()).isEqualTo(capacity);
        for (int i = 1; i <= capacity; i++) {
            assertThat(c.read()).isEqualTo(i);
        }
        assertThat(c.core.waiterCounts()).containsExactly(0, 0);
    }

    /** A reader blocked on an empty buffer takes the first value written. */
    @ParameterizedTest(name = "{0} capacity {1}")
    @MethodSource("backendsAndCapacities")
    @ExtendWith(BackendExtension.class)
    void blockedReaderTakesTheFirstWrite(Backend backend, int capacity) throws Exception {
        Channel<Integer> c = Channel.buffered(capacity);
        List<Integer> got = new ArrayList<>();
        CSPProcess r = new CSPProcess(() -> {
            got.add(c.read());
            got.add(c.read());
        }).start();
        Awaitility.await().until(() -> c.core.waiterCounts()[0] == 1);
        c.write(10);
        c.write(11);
        r.join();
        assertThat(got).containsExactly(10, 11);
        assertThat(c.core.bufferedCount()).isZero();
    }

    /** One writer and one reader through the buffer: order preserved (FIFO) for many values. */
    @ParameterizedTest(name = "{0} capacity {1}")
    @MethodSource("backendsAndCapacities")
    @ExtendWith(BackendExtension.class)
    void orderIsPreservedBetweenOneWriterAndOneReader(Backend backend, int capacity)
            throws Exception {
        Channel<Integer> c = Channel.buffered(capacity);
        int n = 5_000;
        AtomicInteger outOfOrder = new AtomicInteger();
        new Par(
                new CSPProcess(() -> {
                    for (int i = 0; i < n; i++) {
                        c.write(i);
                    }
                }),
                new CSPProcess(() -> {
                    for (int i = 0; i < n; i++) {
                        if (c.read() != i) {
                            outOfOrder.incrementAndGet();
                        }
                    }
                })).run();
        assertThat(outOfOrder).hasValue(0);
    }

    /** Several writers and readers: every value is delivered exactly once. */
    @ParameterizedTest(name = "{0} capacity {1}")
    @MethodSource("backendsAndCapacities")
    @ExtendWith(BackendExtension.class)
    void anyToAnyDeliversExactlyOnce(Backend backend, int capacity) throws Exception {
        Channel<Integer> c = Channel.buffered(capacity);
        int writers = 3;
        int readers = 3;
        int per = 1_000;
        var seen = ConcurrentHashMap.<Integer>newKeySet();
        AtomicInteger dup = new AtomicInteger();
        List<CSPProcess> ps = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int base = w * per;
            ps.add(new CSPProcess(() -> {
                for (int i = 0; i < per; i++) {
                    c.write(base + i);
                }
            }));
        }
        for (int r = 0; r < readers; r++) {
            ps.add(new CSPProcess(() -> {
                for (int i = 0; i < per; i++) {
                    if (!seen.add(c.read())) {
                        dup.incrementAndGet();
                    }
                }
            }));
        }
        new Par(ps).run();
        assertThat(dup).hasValue(0);
        assertThat(seen).hasSize(writers * per);
        assertThat(c.core.waiterCounts()).containsExactly(0, 0);
    }

    /**
     * Poison discards buffered values (documented: poison is an immediate shutdown), wakes a
     * writer blocked on the full buffer with ChannelPoison, and later operations throw.
     */
    @ParameterizedTest(name = "{0} capacity {1}")
    @MethodSource("backendsAndCapacities")
    @ExtendWith(BackendExtension.class)
    void poisonDiscardsTheBufferAndWakesABlockedWriter(Backend backend, int capacity)
            throws Exception {
        Channel<Integer> c = Channel.buffered(capacity);
        for (int i = 0; i < capacity; i++) {
            c.write(i);
        }
        AtomicInteger outcome = new AtomicInteger();
        CSPProcess w = new CSPProcess(() -> {
            try {
                c.write(99);
                outcome.set(1);
            } catch (ChannelPoison e) {
                outcome.set(2);
            }
        }).start();
        Awaitility.await().until(() -> c.core.waiterCounts()[1] == 1);
        c.poison();
        w.join();
        assertThat(outcome).hasValue(2);
        assertThat(c.core.bufferedCount()).isZero();
        assertThatThrownBy(c::read).isInstanceOf(ChannelPoison.class);
        assertThatThrownBy(c::tryRead).isInstanceOf(ChannelPoison.class);
        assertThatThrownBy(() -> c.write(1)).isInstanceOf(ChannelPoison.class);
    }

    /**
     * As Alt guards: an input guard is ready while a value is buffered, an output guard while
     * there is room; both are not ready otherwise (a Skip wins).
     */
    @ParameterizedTest(name = "{0} capacity {1}")
    @MethodSource("backendsAndCapacities")
    @ExtendWith(BackendExtension.class)
    void guardsAreReadyExactlyWhenTheBufferAllows(Backend backend, int capacity)
            throws Exception {
        Channel<Integer> c = Channel.buffered(capacity);
        Alt in = new Alt(c, new Skip());
        assertThat(in.priSelect()).isSameAs(Skip.SKIPPED);
        for (int i = 0; i < capacity; i++) {
            Alt out = new Alt(c.writeGuard(i), new Skip());
            assertThat(out.priSelect()).isEqualTo(i);
        }
        assertThat(new Alt(c.writeGuard(-1), new Skip()).priSelect()).isSameAs(Skip.SKIPPED);
        for (int i = 0; i < capacity; i++) {
            assertThat(in.priSelect()).isEqualTo(i);
        }
        assertThat(in.priSelect()).isSameAs(Skip.SKIPPED);
    }
}
