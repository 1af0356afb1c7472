package org.loomcsp.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
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

/** Deadlock reports name the real partners (issue 13, item 5). */
class DeadlockReportTest {

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

    /**
     * Five philosophers who all hold their left fork, each fork with one put-down channel shared
     * by both its neighbours: the cycle goes through every philosopher and fork, and each fork
     * waits for the philosopher who holds it (fork-1 for phil-1, not phil-0).
     */
    @BackendTest
    void philosophersSharingAPutDownChannelPerForkAreReportedWithTheRealHolders(Backend backend) {
        int n = 5;
        List<Channel<Integer>> pickLeft = new ArrayList<>();
        List<Channel<Integer>> pickRight = new ArrayList<>();
        List<Channel<Integer>> drop = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            pickLeft.add(new Channel<>("pick-" + j + "-left"));
            pickRight.add(new Channel<>("pick-" + j + "-right"));
            drop.add(new Channel<>("drop-" + j));
        }
        Barrier allHoldLeft = new Barrier(n);
        List<CSPProcess> ps = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            Channel<Integer> pl = pickLeft.get(j);
            Channel<Integer> pr = pickRight.get(j);
            Channel<Integer> d = drop.get(j);
            ps.add(new CSPProcess("fork-" + j, () -> {
                Alt alt = new Alt(pl, pr);
                while (true) {
                    alt.priSelect();
                    d.read();
                }
            }, pl, pr, d));
        }
        for (int i = 0; i < n; i++) {
            int me = i;
            Channel<Integer> pl = pickLeft.get(i);
            Channel<Integer> dl = drop.get(i);
            Channel<Integer> pr = pickRight.get((i + 1) % n);
            Channel<Integer> dr = drop.get((i + 1) % n);
            ps.add(new CSPProcess("phil-" + i, () -> {
                pl.write(me);
                allHoldLeft.synchronise();
                pr.write(me);
                dl.write(me);
                dr.write(me);
            }, pl, dl, pr, dr, allHoldLeft));
        }
        AtomicReference<DeadlockException> caught = new AtomicReference<>();
        assertThatThrownBy(() -> Csp.run(ps.toArray(CSPProcess[]::new)))
                .isInstanceOfSatisfying(DeadlockException.class, caught::set);
        DeadlockException e = caught.get();
        assertThat(e.cycle()).as(e.report()).hasSize(2 * n);
        for (int j = 0; j < n; j++) {
            assertThat(e.report()).contains("fork-" + j + " --read drop-" + j + "--> phil-" + j);
        }
    }

    /**
     * An under-enrolled barrier (3 enrolled, 2 processes) is explained as such, not blamed on "a
     * channel that no other live process knows".
     */
    @BackendTest
    void underEnrolledBarrierIsExplainedAsSuch(Backend backend) {
        Barrier b = new Barrier(3);
        CSPProcess p1 = new CSPProcess("p-1", b::synchronise, b);
        CSPProcess p2 = new CSPProcess("p-2", b::synchronise, b);
        assertThatThrownBy(() -> Csp.run(p1, p2)).isInstanceOfSatisfying(DeadlockException.class,
                e -> assertThat(e.report()).contains("under-enrolled").contains("3 participants")
                        .doesNotContain("channel that no other live process knows"));
    }
}
