package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.awaitility.Awaitility;
import org.loomcsp.internal.trace.Registry;
import org.loomcsp.testing.BackendTest;

/**
 * The wait queues of a channel (circular lists anchored in the channel, issue 6) and the registry
 * of live processes (intrusive lists, the thread's handler as the way back to its process): the
 * properties that the smaller layout must keep.
 */
class ChannelWaitQueueTest {

    private static final int READERS = 7;
    /** Head, middle and tail of the queue give up. */
    private static final int[] GIVE_UP = {0, 3, 6};

    /**
     * Readers queued in a known order, of which the first, a middle and the last give up: the
     * others still get the values in the order they arrived, and nothing is left queued.
     */
    @BackendTest
    void waitersAreServedInArrivalOrderAfterHeadMiddleAndTailGiveUp(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        AtomicReferenceArray<Integer> got = new AtomicReferenceArray<>(READERS);
        List<CSPProcess> readers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            int me = i;
            readers.add(new CSPProcess(() -> got.set(me, c.read())).start());
            int queued = i + 1;
            Awaitility.await().until(() -> c.core.waiterCounts()[0] == queued); // arrival order is i
        }
        for (int i : GIVE_UP) {
            readers.get(i).terminate();
            readers.get(i).join();
            assertThat(readers.get(i).wasTerminated()).isTrue();
        }
        assertThat(c.core.waiterCounts()).containsExactly(READERS - GIVE_UP.length, 0);
        for (int v = 0; v < READERS - GIVE_UP.length; v++) {
            c.write(v);
        }
        for (CSPProcess r : readers) {
            r.join();
        }
        assertThat(got.get(1)).isEqualTo(0);
        assertThat(got.get(2)).isEqualTo(1);
        assertThat(got.get(4)).isEqualTo(2);
        assertThat(got.get(5)).isEqualTo(3);
        for (int i : GIVE_UP) {
            assertThat(got.get(i)).as("reader %d gave up", i).isNull();
        }
        assertThat(c.core.waiterCounts()).containsExactly(0, 0);
    }

    /** Poison wakes every queued writer, from head to tail, and leaves the queue empty. */
    @BackendTest
    void poisonEmptiesACircularQueueOfWriters(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        List<CSPProcess> writers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int v = i;
            writers.add(new CSPProcess(() -> c.write(v)).start());
        }
        Awaitility.await().until(() -> c.core.waiterCounts()[1] == 5);
        c.poison();
        for (CSPProcess w : writers) {
            w.join(); // ChannelPoison ends each quietly
        }
        assertThat(c.core.waiterCounts()).containsExactly(0, 0);
    }

    /**
     * A process's own thread knows its process (through the thread's handler, no map), and the
     * registry lists it while it is parked and forgets it when it ends.
     */
    @BackendTest
    void aProcessThreadIsRecognisedAndListedWhileAlive(Backend backend) throws Exception {
        Channel<String> c = new Channel<>();
        long[] seen = {-1};
        CSPProcess p = new CSPProcess(() -> {
            seen[0] = Registry.current().pid();
            c.read();
        }, c).start();
        Awaitility.await().until(() -> c.core.waiterCounts()[0] == 1);
        assertThat(Registry.current()).as("the test thread is not a process").isNull();
        assertThat(timesListed(p)).isEqualTo(1);
        c.write("go");
        p.join();
        assertThat(seen[0]).isEqualTo(p.getPid());
        assertThat(timesListed(p)).isZero();
    }

    /** How many times the registry's walk of live processes meets {@code p}. */
    private static int timesListed(CSPProcess p) {
        int[] n = {0};
        Registry.forEachLive((t, q) -> {
            if (q.pid() == p.getPid()) {
                n[0]++;
            }
            return true;
        });
        return n[0];
    }
}
