package org.loomcsp;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.loomcsp.internal.deadlock.DeadlockDiagnosis;
import org.loomcsp.internal.deadlock.Detector;
import org.loomcsp.internal.exec.FaultInjection;
import org.loomcsp.internal.trace.Registry;

/**
 * A barrier: its enrolled processes {@linkplain #synchronise() synchronise} together, each
 * waiting until all of them have arrived. python-csp's {@code Barrier} (which could not even be
 * constructed), done right, with JCSP's enrol/retire.
 *
 * <ul>
 *   <li>{@link #enrol()} adds a participant, {@link #retire()} removes one (a retiring
 *       participant no longer counts, which may complete the current phase);
 *   <li>{@link #synchronise()} waits until every enrolled participant has synchronised in this
 *       phase, then all of them go on and the next phase begins;
 *   <li>{@link #synchroniseWithN(int)} first waits until exactly {@code n} participants are
 *       enrolled;
 *   <li>{@link #reset(int)} sets the number of participants (and starts a fresh phase).
 * </ul>
 *
 * <p>Phases are counted (a generation number), so a participant that races ahead into the next
 * phase never releases or blocks participants of the previous one. Waiting is interruptible: an
 * interrupted participant withdraws its arrival and throws {@link InterruptedException}, unless
 * the phase completed at the same moment, in which case it returns normally with its interrupt
 * status set.
 *
 * <p>Memory consistency: actions of every participant before it synchronises happen-before the
 * actions of every participant after the same phase's {@code synchronise} returns.
 */
/*
 * A barrier is not a hand-off path (no value moves through it) and its operations all need the
 * same small critical section, so it uses a ReentrantLock and a Condition (which park virtual
 * threads without pinning). Invariant under the lock: 0 <= arrived < participants whenever
 * participants > 0; a phase completes (generation++, arrived = 0, signalAll) exactly when
 * arrived reaches participants. A waiter that leaves its phase before it completed, by interrupt
 * or by any other exception or Error, withdraws its arrival (arrived--).
 */
public final class Barrier {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition phaseDone = lock.newCondition();
    private final Condition enrolment = lock.newCondition();
    private int participants;
    private int arrived;
    private long generation;

    /** Creates a barrier with no participants. */
    public Barrier() {
        this(0);
    }

    /**
     * Creates a barrier with {@code participants} enrolled participants.
     *
     * @throws IllegalArgumentException if {@code participants < 0}
     */
    public Barrier(int participants) {
        if (participants < 0) {
            throw new IllegalArgumentException("participants must be >= 0, was " + participants);
        }
        this.participants = participants;
    }

    /** Enrols one more participant. */
    public void enrol() {
        lock.lock();
        try {
            participants++;
            enrolment.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Retires one participant. If every remaining participant has already arrived, the phase
     * completes.
     *
     * @throws IllegalStateException if no participant is enrolled
     */
    public void retire() {
        lock.lock();
        try {
            if (participants == 0) {
                throw new IllegalStateException("Barrier.retire(): no participant is enrolled");
            }
            participants--;
            enrolment.signalAll();
            if (participants > 0 && arrived >= participants) {
                completePhase();
            } else if (participants == 0 && arrived > 0) {
                completePhase();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sets the number of participants to {@code n} and starts a new phase; processes waiting in
     * the current phase are released.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public void reset(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("participants must be >= 0, was " + n);
        }
        lock.lock();
        try {
            participants = n;
            if (arrived > 0) {
                completePhase();
            }
            enrolment.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every enrolled participant has synchronised in this phase.
     *
     * @throws IllegalStateException if no participant is enrolled
     * @throws InterruptedException if interrupted while waiting (the arrival is withdrawn)
     */
    public void synchronise() throws InterruptedException {
        lock.lock();
        try {
            arriveAndWait();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until exactly {@code n} participants are enrolled, then {@linkplain #synchronise()
     * synchronises}.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void synchroniseWithN(int n) throws InterruptedException {
        lock.lock();
        try {
            if (participants != n) {
                Registry.Waiting w = beginWait(generation);
                try {
                    while (participants != n) {
                        if (FaultInjection.ENABLED) {
                            FaultInjection.beforePark(this);
                        }
                        enrolment.await();
                    }
                } finally {
                    Registry.endWait(w);
                }
            }
            arriveAndWait();
        } finally {
            lock.unlock();
        }
    }

    /** The number of enrolled participants. */
    public int participants() {
        lock.lock();
        try {
            return participants;
        } finally {
            lock.unlock();
        }
    }

    /** The number of completed phases. */
    public long phase() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    private void arriveAndWait() throws InterruptedException {
        if (participants == 0) {
            throw new IllegalStateException("Barrier.synchronise(): no participant is enrolled;"
                    + " enrol() or reset(n) first");
        }
        long gen = generation;
        arrived++;
        if (arrived >= participants) {
            completePhase();
            return;
        }
        Registry.Waiting w = beginWait(gen);
        // A thread that is not a process (main) becomes a deadlock participant (issue 13); after
        // the barrier record above, so that a snapshot finds what it waits for.
        Object watch = Detector.beginOutsideWait();
        try {
            while (generation == gen) {
                try {
                    if (FaultInjection.ENABLED) {
                        FaultInjection.beforePark(this);
                    }
                    phaseDone.await();
                } catch (InterruptedException e) {
                    if (generation != gen) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    arrived--;
                    Object ended = watch;
                    watch = null;
                    try {
                        Detector.endInterruptedWait(ended);
                    } catch (DeadlockDiagnosis d) {
                        throw new DeadlockException(d.report(), d.cycle(), d.waits());
                    }
                } catch (Throwable t) {
                    // An Error or runtime exception while waiting: withdraw the arrival, so the
                    // phase cannot complete with a participant that is gone.
                    if (generation == gen) {
                        arrived--;
                    }
                    throw t;
                }
            }
        } finally {
            if (watch != null) {
                Detector.endOutsideWait(watch, false);
            }
            Registry.endWait(w);
        }
    }

    /** Records the wait for deadlock diagnosis (which reads the phase through phase()). */
    private Registry.Waiting beginWait(long gen) {
        return Registry.tracking() ? Registry.beginBarrierWait(this, gen, this::phase) : null;
    }

    private void completePhase() {
        generation++;
        arrived = 0;
        phaseDone.signalAll();
    }

    @Override
    public String toString() {
        return "Barrier[" + participants() + " participants]";
    }
}
