package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.awaitility.Awaitility;
import org.loomcsp.testing.BackendTest;

class AltTest {

    private static CSPProcess writerOf(Channel<Integer> c, int v) {
        return new CSPProcess(() -> c.write(v), c).start();
    }

    /** An Alt with no guards throws NoGuardInAlt. */
    @BackendTest
    void noGuardsThrows(Backend backend) {
        assertThatThrownBy(() -> new Alt().select()).isInstanceOf(NoGuardInAlt.class)
                .hasMessageContaining("at least one guard");
    }

    /** A one-guard Alt waits (without spinning) for its writer and returns the value. */
    @BackendTest
    void singleGuardWaitsForTheWriter(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        Alt alt = new Alt(c);
        CSPProcess w = new CSPProcess(() -> {
            Awaitility.await().until(() -> c.core.waiterCounts()[0] == 1);
            c.write(5);
        }).start();
        assertThat(alt.select()).isEqualTo(5);
        assertThat(alt.lastSelected()).isSameAs(c);
        w.join();
    }

    /** select returns the value of the only ready guard. */
    @BackendTest
    void selectReturnsTheOnlyReadyGuard(Backend backend) throws Exception {
        Channel<Integer> a = new Channel<>();
        Channel<Integer> b = new Channel<>();
        CSPProcess w = writerOf(b, 2);
        Awaitility.await().until(() -> b.core.waiterCounts()[1] == 1);
        Alt alt = new Alt(a, b);
        assertThat(alt.select()).isEqualTo(2);
        assertThat(alt.lastSelectedIndex()).isEqualTo(1);
        w.join();
    }

    /** priSelect picks the first ready guard in order. */
    @BackendTest
    void priSelectPicksTheLowestReadyIndex(Backend backend) throws Exception {
        Channel<Integer> a = new Channel<>();
        Channel<Integer> b = new Channel<>();
        Channel<Integer> c = new Channel<>();
        CSPProcess wb = writerOf(b, 2);
        CSPProcess wc = writerOf(c, 3);
        Awaitility.await().until(() -> b.core.waiterCounts()[1] == 1 && c.core.waiterCounts()[1] == 1);
        Alt alt = new Alt(a, b, c, new Skip());
        assertThat(alt.priSelect()).isEqualTo(2);
        assertThat(alt.priSelect()).isEqualTo(3);
        assertThat(alt.priSelect()).isSameAs(Skip.SKIPPED);
        wb.join();
        wc.join();
    }

    /** Skip is always ready and yields its sentinel. */
    @BackendTest
    void skipYieldsItsSentinel(Backend backend) throws Exception {
        Alt alt = new Alt(new Skip(), new Skip());
        assertThat(alt.select()).isSameAs(Skip.SKIPPED);
        assertThat(alt.fairSelect()).isSameAs(Skip.SKIPPED);
        assertThat(alt.priSelect()).isSameAs(Skip.SKIPPED);
    }

    /** A Timer guard fires after its alarm, returning null; a ready channel wins before it. */
    @BackendTest
    void timerGuardFiresAfterItsAlarm(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        Timer t = new Timer();
        long start = System.nanoTime();
        t.setAlarm(Duration.ofMillis(30));
        Alt alt = new Alt(c, t);
        assertThat(alt.select()).isNull();
        assertThat(alt.lastSelected()).isSameAs(t);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());
        t.setAlarm(Duration.ofHours(1));
        CSPProcess w = writerOf(c, 1);
        assertThat(alt.select()).isEqualTo(1);
        w.join();
    }

    /** A lone timer whose alarm is in the future does not make a Skip-first priSelect wait. */
    @BackendTest
    void timerNotReadyLosesToSkip(Backend backend) throws Exception {
        Timer t = new Timer();
        t.setAlarm(Duration.ofHours(1));
        assertThat(new Alt(t, new Skip()).priSelect()).isSameAs(Skip.SKIPPED);
    }

    /** An output guard writes its value when selected. */
    @BackendTest
    void outputGuardWritesWhenSelected(Backend backend) throws Exception {
        Channel<Integer> out = new Channel<>();
        Channel<Integer> in = new Channel<>();
        List<Integer> got = new ArrayList<>();
        CSPProcess reader = new CSPProcess(() -> got.add(out.read())).start();
        Alt alt = new Alt(in, out.writeGuard(7));
        assertThat(alt.select()).isEqualTo(7);
        assertThat(alt.lastSelectedIndex()).isEqualTo(1);
        reader.join();
        assertThat(got).containsExactly(7);
    }

    /** Two Alts on the two ends of a channel meet: one writes, the other reads, exactly once. */
    @BackendTest
    void altAgainstAltOnBothEndsOfAChannel(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        Channel<Integer> never1 = new Channel<>();
        Channel<Integer> never2 = new Channel<>();
        int n = 500;
        List<Object> got = new ArrayList<>();
        CSPProcess writer = new CSPProcess(() -> {
            for (int i = 0; i < n; i++) {
                new Alt(never1, c.writeGuard(i)).select();
            }
        });
        CSPProcess reader = new CSPProcess(() -> {
            Alt alt = new Alt(never2, c);
            for (int i = 0; i < n; i++) {
                got.add(alt.select());
            }
        });
        new Par(writer, reader).run();
        assertThat(got).hasSize(n);
        assertThat(got.get(n - 1)).isEqualTo(n - 1);
    }

    /** A poisoned guard makes select throw ChannelPoison. */
    @BackendTest
    void poisonedGuardMakesSelectThrow(Backend backend) throws Exception {
        Channel<Integer> a = new Channel<>();
        Channel<Integer> b = new Channel<>();
        b.poison();
        assertThatThrownBy(() -> new Alt(a, b, new Skip()).select()).isInstanceOf(ChannelPoison.class);
    }

    /** Poison arriving while an Alt waits wakes it with ChannelPoison and leaves no waiters. */
    @BackendTest
    void poisonWakesAWaitingAlt(Backend backend) throws Exception {
        Channel<Integer> a = new Channel<>();
        Channel<Integer> b = new Channel<>();
        CSPProcess p = new CSPProcess(() -> {
            assertThatThrownBy(() -> new Alt(a, b).select()).isInstanceOf(ChannelPoison.class);
        }).start();
        Awaitility.await().until(() -> a.core.waiterCounts()[0] == 1);
        b.poison();
        p.join();
        assertThat(a.core.waiterCounts()).containsExactly(0, 0);
    }

    /** alt.poison() poisons the last selected guard and removes it. */
    @BackendTest
    void altPoisonRemovesTheLastSelectedGuard(Backend backend) throws Exception {
        Channel<Integer> a = new Channel<>();
        Channel<Integer> b = new Channel<>();
        Alt alt = new Alt(a, b);
        assertThatThrownBy(alt::poison).isInstanceOf(IllegalStateException.class);
        CSPProcess w = writerOf(a, 1);
        assertThat(alt.select()).isEqualTo(1);
        w.join();
        alt.poison();
        assertThat(a.isPoisoned()).isTrue();
        assertThat(alt.guards()).containsExactly(b);
    }

    /** repeat(n) yields exactly n selections, lazily. */
    @BackendTest
    void repeatYieldsExactlyNSelections(Backend backend) throws Exception {
        Channel<Integer> a = new Channel<>();
        Channel<Integer> b = new Channel<>();
        CSPProcess w = new CSPProcess(() -> {
            for (int i = 0; i < 3; i++) {
                a.write(i);
                b.write(10 + i);
            }
        }).start();
        Iterator<Object> it = new Alt(a, b).repeat(6);
        List<Object> got = new ArrayList<>();
        it.forEachRemaining(got::add);
        assertThat(got).containsExactlyInAnyOrder(0, 1, 2, 10, 11, 12);
        assertThat(it.hasNext()).isFalse();
        w.join();
    }

    /** Csp.choice is python-csp's a | b, for any number of guards. */
    @BackendTest
    void choiceSelectsAmongItsGuards(Backend backend) throws Exception {
        Channel<Integer> a = new Channel<>();
        Channel<Integer> b = new Channel<>();
        Channel<Integer> c = new Channel<>();
        CSPProcess w = writerOf(c, 3);
        assertThat(Csp.choice(a, b, c)).isEqualTo(3);
        w.join();
    }

    /** Conditional guards take part only while their condition holds. */
    @BackendTest
    void conditionalGuardsAreSkippedWhileFalse(Backend backend) throws Exception {
        Channel<Integer> a = new Channel<>();
        CSPProcess w = writerOf(a, 1);
        Awaitility.await().until(() -> a.core.waiterCounts()[1] == 1);
        boolean[] open = {false};
        Alt alt = new Alt(Guard.when(() -> open[0], a), new Skip());
        assertThat(alt.priSelect()).isSameAs(Skip.SKIPPED);
        open[0] = true;
        assertThat(alt.priSelect()).isEqualTo(1);
        w.join();
        assertThatThrownBy(() -> new Alt(Guard.when(false, a)).select()).isInstanceOf(NoGuardInAlt.class);
    }

    /** An interrupted Alt selects nothing and leaves no waiter behind. */
    @BackendTest
    void interruptedAltSelectsNothing(Backend backend) throws Exception {
        Channel<Integer> a = new Channel<>();
        CSPProcess p = new CSPProcess(() -> new Alt(a).select()).start();
        Awaitility.await().until(() -> a.core.waiterCounts()[0] == 1);
        p.terminate();
        p.join();
        assertThat(p.wasTerminated()).isTrue();
        assertThat(a.core.waiterCounts()).containsExactly(0, 0);
    }

    /** fairSelect never repeats the previous choice while another guard is ready. */
    @BackendTest
    void fairSelectNeverRepeatsWhileAnotherGuardIsReady(Backend backend) throws Exception {
        Alt alt = new Alt(new Skip(), new Skip(), new Skip());
        int last = -1;
        for (int i = 0; i < 3_000; i++) {
            alt.fairSelect();
            assertThat(alt.lastSelectedIndex()).isNotEqualTo(last);
            last = alt.lastSelectedIndex();
        }
    }

    /** select over always-ready guards is roughly uniform: each gets at least half its share. */
    @BackendTest
    void selectIsRoughlyUniform(Backend backend) throws Exception {
        int k = 4;
        int picks = 40_000;
        Skip[] skips = new Skip[k];
        for (int i = 0; i < k; i++) {
            skips[i] = new Skip();
        }
        Alt alt = new Alt(skips);
        int[] counts = new int[k];
        for (int i = 0; i < picks; i++) {
            alt.select();
            counts[alt.lastSelectedIndex()]++;
        }
        for (int c : counts) {
            assertThat(c).isGreaterThanOrEqualTo(picks / k / 2);
        }
    }

    /** An Alt and plain readers on the same channel never stall each other. */
    @BackendTest
    void altAndPlainReadersShareAChannel(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        int n = 2_000;
        java.util.concurrent.atomic.AtomicInteger got = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Channel<Integer> stop = new Channel<>();
        CSPProcess plain = new CSPProcess(() -> {
            try {
                while (true) {
                    c.read();
                    got.incrementAndGet();
                }
            } catch (ChannelPoison e) {
                // end
            }
        });
        CSPProcess alting = new CSPProcess(() -> {
            Alt alt = new Alt(c, stop);
            try {
                while (true) {
                    alt.select();
                    if (alt.lastSelected() == stop) {
                        return;
                    }
                    got.incrementAndGet();
                }
            } catch (ChannelPoison e) {
                // end
            }
        });
        CSPProcess writer = new CSPProcess(() -> {
            for (int i = 0; i < n; i++) {
                c.write(i);
            }
            c.poison();
        });
        new Par(plain, alting, writer).run();
        assertThat(got).hasValue(n);
    }
}
