package org.loomcsp.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loomcsp.Alt;
import org.loomcsp.Backend;
import org.loomcsp.Barrier;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.Csp;
import org.loomcsp.DeadlockException;
import org.loomcsp.internal.deadlock.Detector;
import org.loomcsp.testing.BackendExtension;

/**
 * Deadlock detection works while other non-daemon threads live (issue 13, item 4): nine classic
 * deadlocks are reported when the test's main thread waits in {@code Thread.join} for a worker
 * thread that joins the processes, while a third, non-daemon bystander thread waits on a latch.
 * Before issue 13 any live non-daemon thread vetoed every diagnosis, so these hung.
 */
class DeadlockWithOtherThreadsTest {

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

    private static final Map<String, Supplier<List<CSPProcess>>> CLASSICS = new LinkedHashMap<>();

    static {
        CLASSICS.put("lonely reader", () -> {
            Channel<Integer> c = new Channel<>("c");
            return List.of(new CSPProcess("reader", () -> c.read(), c));
        });
        CLASSICS.put("lonely writer", () -> {
            Channel<Integer> c = new Channel<>("c");
            return List.of(new CSPProcess("writer", () -> c.write(1), c));
        });
        CLASSICS.put("both read first", () -> {
            Channel<Integer> ab = new Channel<>("ab");
            Channel<Integer> ba = new Channel<>("ba");
            return List.of(new CSPProcess("a", () -> ab.write(ba.read()), ab, ba),
                    new CSPProcess("b", () -> ba.write(ab.read()), ab, ba));
        });
        CLASSICS.put("both write first", () -> {
            Channel<Integer> ab = new Channel<>("ab");
            Channel<Integer> ba = new Channel<>("ba");
            return List.of(new CSPProcess("a", () -> { ab.write(1); ba.read(); }, ab, ba),
                    new CSPProcess("b", () -> { ba.write(1); ab.read(); }, ab, ba));
        });
        CLASSICS.put("ring of readers", () -> {
            List<Channel<Integer>> cs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                cs.add(new Channel<>("ring-" + i));
            }
            List<CSPProcess> ps = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Channel<Integer> in = cs.get(i);
                Channel<Integer> out = cs.get((i + 1) % 3);
                ps.add(new CSPProcess("node-" + i, () -> out.write(in.read()), in, out));
            }
            return ps;
        });
        CLASSICS.put("alt over silent channels", () -> {
            Channel<Integer> x = new Channel<>("x");
            Channel<Integer> y = new Channel<>("y");
            Channel<Integer> z = new Channel<>("z");
            return List.of(new CSPProcess("alter", () -> new Alt(x, y).select(), x, y),
                    new CSPProcess("writer", () -> z.write(1), z));
        });
        CLASSICS.put("two output alts on one channel", () -> {
            Channel<Integer> c = new Channel<>("c");
            return List.of(new CSPProcess("out-1", () -> new Alt(c.writeGuard(1)).select(), c),
                    new CSPProcess("out-2", () -> new Alt(c.writeGuard(2)).select(), c));
        });
        CLASSICS.put("under-enrolled barrier", () -> {
            Barrier b = new Barrier(3);
            return List.of(new CSPProcess("p-1", b::synchronise, b),
                    new CSPProcess("p-2", b::synchronise, b));
        });
        CLASSICS.put("join of a blocked process", () -> {
            Channel<Integer> c = new Channel<>("c");
            CSPProcess reader = new CSPProcess("reader", () -> c.read(), c);
            return List.of(reader, new CSPProcess("joiner", () -> {
                reader.join();
                c.write(1);
            }, c));
        });
    }

    static Stream<Arguments> classics() {
        List<Arguments> out = new ArrayList<>();
        for (Backend b : Backend.values()) {
            for (String name : CLASSICS.keySet()) {
                out.add(Arguments.of(b, name));
            }
        }
        return out.stream();
    }

    /** Each classic deadlock is reported, although two other non-daemon threads live. */
    @ParameterizedTest(name = "{1} [{0}]")
    @MethodSource("classics")
    @ExtendWith(BackendExtension.class)
    void classicDeadlockIsReportedWhileOtherNonDaemonThreadsLive(Backend backend, String name)
            throws Exception {
        List<CSPProcess> ps = CLASSICS.get(name).get();
        CountDownLatch release = new CountDownLatch(1);
        Thread bystander = Thread.ofPlatform().daemon(false).name("bystander").start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().daemon(false).name("worker-joiner").start(() -> {
            try {
                Csp.run(ps.toArray(CSPProcess[]::new));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        try {
            worker.join(); // untimed: this thread is asleep, as a main waiting for its worker
        } finally {
            release.countDown();
            bystander.join();
        }
        assertThat(thrown.get()).isInstanceOf(DeadlockException.class);
        DeadlockException e = (DeadlockException) thrown.get();
        for (CSPProcess p : ps) {
            assertThat(e.waits()).containsKey(p.getName());
        }
    }
}
