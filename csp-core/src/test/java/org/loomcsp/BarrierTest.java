package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.awaitility.Awaitility;
import org.loomcsp.testing.BackendTest;

/** Barrier semantics (python-csp.md 6.6 and 13.6 item 11), on both backends. */
class BarrierTest {

    /** Waits until the process's thread is parked (inside the barrier). */
    private static void awaitParked(CSPProcess p) {
        Awaitility.await().until(() -> p.thread() != null
                && (p.thread().getState() == Thread.State.WAITING
                        || p.thread().getState() == Thread.State.TIMED_WAITING));
    }

    /**
     * N processes synchronising R times never overtake each other: in every phase, nobody leaves
     * before all N arrived, and a fast process racing into the next phase releases nobody early.
     */
    @BackendTest
    void synchroniseHoldsEveryProcessUntilAllArriveInEveryPhase(Backend backend) throws Exception {
        int n = 8;
        int rounds = 200;
        Barrier b = new Barrier(n);
        AtomicIntegerArray arrivals = new AtomicIntegerArray(rounds);
        AtomicInteger violations = new AtomicInteger();
        List<CSPProcess> ps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ps.add(new CSPProcess(() -> {
                for (int r = 0; r < rounds; r++) {
                    arrivals.incrementAndGet(r);
                    b.synchronise();
                    if (arrivals.get(r) != n) {
                        violations.incrementAndGet();
                    }
                }
            }));
        }
        new Par(ps).run();
        assertThat(violations).hasValue(0);
        assertThat(b.phase()).isEqualTo(rounds);
        for (int r = 0; r < rounds; r++) {
            assertThat(arrivals.get(r)).isEqualTo(n);
        }
    }

    /** A Barrier with no participants refuses synchronise; reset(n) makes n participants. */
    @BackendTest
    void resetSetsTheParticipants(Backend backend) throws Exception {
        Barrier b = new Barrier();
        assertThat(b.participants()).isZero();
        assertThatThrownBy(b::synchronise).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("enrol");
        assertThatThrownBy(() -> b.reset(-1)).isInstanceOf(IllegalArgumentException.class);
        b.reset(2);
        assertThat(b.participants()).isEqualTo(2);
        CSPProcess other = new CSPProcess(b::synchronise).start();
        b.synchronise();
        other.join();
        assertThat(b.phase()).isEqualTo(1);
    }

    /** reset(n) while processes wait releases them (their phase ends) and starts a fresh phase. */
    @BackendTest
    void resetReleasesTheWaitingPhase(Backend backend) throws Exception {
        Barrier b = new Barrier(3);
        CSPProcess waiting = new CSPProcess(b::synchronise).start();
        awaitParked(waiting);
        assertThat(b.phase()).isZero();
        b.reset(1);
        waiting.join();
        assertThat(b.phase()).isEqualTo(1);
        b.synchronise(); // one participant: completes at once
        assertThat(b.phase()).isEqualTo(2);
    }

    /** enrol() adds a participant that the phase then waits for. */
    @BackendTest
    void enrolledParticipantIsWaitedFor(Backend backend) throws Exception {
        Barrier b = new Barrier(1);
        b.enrol();
        assertThat(b.participants()).isEqualTo(2);
        CSPProcess p = new CSPProcess(b::synchronise).start();
        awaitParked(p);
        assertThat(b.phase()).isZero();
        assertThat(p.isAlive()).isTrue();
        b.synchronise();
        p.join();
        assertThat(b.phase()).isEqualTo(1);
    }

    /** retire() removes a participant; if all the others have arrived, the phase completes. */
    @BackendTest
    void retireCompletesThePhaseWhenTheRestHaveArrived(Backend backend) throws Exception {
        Barrier b = new Barrier(3);
        CSPProcess p1 = new CSPProcess(b::synchronise).start();
        CSPProcess p2 = new CSPProcess(b::synchronise).start();
        awaitParked(p1);
        awaitParked(p2);
        assertThat(b.phase()).isZero();
        b.retire();
        p1.join();
        p2.join();
        assertThat(b.phase()).isEqualTo(1);
        assertThat(b.participants()).isEqualTo(2);
        b.retire();
        b.retire();
        assertThatThrownBy(b::retire).isInstanceOf(IllegalStateException.class);
    }

    /** Processes that enrol and retire dynamically keep phases consistent (JCSP's idiom). */
    @BackendTest
    void enrolAndRetireAcrossManyPhases(Backend backend) throws Exception {
        Barrier b = new Barrier(1); // the coordinator (this thread)
        int workers = 6;
        int rounds = 50;
        AtomicInteger done = new AtomicInteger();
        List<CSPProcess> ps = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            b.enrol();
            int myRounds = rounds - i * 5; // they retire at different times
            ps.add(new CSPProcess(() -> {
                for (int r = 0; r < myRounds; r++) {
                    b.synchronise();
                }
                b.retire();
                done.incrementAndGet();
            }).start());
        }
        for (int r = 0; r < rounds; r++) {
            b.synchronise();
        }
        for (CSPProcess p : ps) {
            p.join();
        }
        assertThat(done).hasValue(workers);
        assertThat(b.participants()).isEqualTo(1);
        assertThat(b.phase()).isEqualTo(rounds);
    }

    /**
     * synchroniseWithN(n) waits until n participants are enrolled: processes that enrol one by
     * one then all meet in ONE phase (plain synchronise would let the first complete alone).
     */
    @BackendTest
    void synchroniseWithNWaitsForNParticipants(Backend backend) throws Exception {
        Barrier b = new Barrier();
        int n = 5;
        AtomicInteger participantsSeen = new AtomicInteger(Integer.MAX_VALUE);
        List<CSPProcess> ps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ps.add(new CSPProcess(() -> {
                b.enrol();
                b.synchroniseWithN(n);
                participantsSeen.accumulateAndGet(b.participants(), Math::min);
            }).start());
        }
        for (CSPProcess p : ps) {
            p.join();
        }
        assertThat(b.phase()).isEqualTo(1);
        assertThat(participantsSeen).hasValue(n);
    }

    /** A process interrupted inside synchronise withdraws its arrival: the phase still needs it. */
    @BackendTest
    void interruptWithdrawsTheArrival(Backend backend) throws Exception {
        Barrier b = new Barrier(2);
        AtomicBoolean interrupted = new AtomicBoolean();
        CSPProcess quitter = new CSPProcess(() -> {
            try {
                b.synchronise();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        }).start();
        awaitParked(quitter);
        quitter.thread().interrupt();
        quitter.join();
        assertThat(interrupted).isTrue();
        assertThat(b.phase()).isZero();
        // Had the arrival stayed counted, this process alone would complete the phase.
        CSPProcess second = new CSPProcess(b::synchronise).start();
        awaitParked(second);
        assertThat(b.phase()).isZero();
        assertThat(second.isAlive()).isTrue();
        b.synchronise();
        second.join();
        assertThat(b.phase()).isEqualTo(1);
    }

    /** synchroniseWithN is interruptible while it waits for the enrolment, arriving nowhere. */
    @BackendTest
    void synchroniseWithNIsInterruptibleWhileWaitingForEnrolment(Backend backend)
            throws Exception {
        Barrier b = new Barrier(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        CSPProcess p = new CSPProcess(() -> {
            try {
                b.synchroniseWithN(3);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        }).start();
        awaitParked(p);
        p.thread().interrupt();
        p.join();
        assertThat(interrupted).isTrue();
        b.synchronise(); // one participant, no arrival pending: completes at once
        assertThat(b.phase()).isEqualTo(1);
    }
}
