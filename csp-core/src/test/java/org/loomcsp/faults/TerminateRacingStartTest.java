package org.loomcsp.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.testing.BackendTest;

/**
 * terminate() called by another thread while start() runs is never lost: the request is sticky
 * and the body sees it whenever it starts (issue 13, item 1).
 */
class TerminateRacingStartTest {

    private static final int PROCESSES = 20_000;
    /** Platform threads cost ~1 ms each to start on a loaded 2-core machine: fewer in the default build. */
    private static final int PLATFORM_PROCESSES_DEFAULT_BUILD = 5_000;

    /**
     * 20,000 processes (5,000 on platform threads; 20,000 in the stress variant), each blocked for ever on a channel nobody writes, are started by the test
     * thread while a second thread terminates each one the moment it is marked started (the
     * window between start()'s CAS and the thread's publication). Every one of them ends.
     */
    @BackendTest
    void everyProcessTerminatedWhileStartingEnds(Backend backend) throws Exception {
        assertAllEnd(race(backend == Backend.PLATFORM ? PLATFORM_PROCESSES_DEFAULT_BUILD : PROCESSES));
    }

    /** The same race ten times in a row, per backend (stress profile). */
    @Tag("stress")
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // 200,000 platform threads on a loaded machine
    @BackendTest
    void everyProcessTerminatedWhileStartingEndsTenRunsInARow(Backend backend) throws Exception {
        for (int run = 0; run < 10; run++) {
            assertAllEnd(race(PROCESSES));
        }
    }

    private static List<CSPProcess> race(int processes) throws InterruptedException {
        List<CSPProcess> ps = new ArrayList<>(processes);
        for (int i = 0; i < processes; i++) {
            Channel<Integer> never = new Channel<>("never-" + i);
            ps.add(new CSPProcess(() -> never.read(), never));
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread terminator = Thread.ofPlatform().name("terminator").start(() -> {
            try {
                for (CSPProcess p : ps) {
                    while (!p.isStarted()) {
                        Thread.onSpinWait();
                    }
                    p.terminate();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        for (CSPProcess p : ps) {
            p.start();
        }
        terminator.join();
        assertThat(failure.get()).isNull();
        return ps;
    }

    private static void assertAllEnd(List<CSPProcess> ps) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> alive = new ArrayList<>();
        for (CSPProcess p : ps) {
            long left = Math.max(1, deadline - System.nanoTime());
            if (!p.join(Duration.ofNanos(left))) {
                alive.add(p.getName());
            }
        }
        for (CSPProcess p : ps) {
            if (p.isAlive()) {
                p.terminate(); // leave nothing behind for the next test, whatever happened
            }
        }
        assertThat(alive).as("processes still alive after terminate()").isEmpty();
        assertThat(ps).allMatch(CSPProcess::wasTerminated);
    }
}
