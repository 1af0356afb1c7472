package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.loomcsp.testing.BackendTest;

class ChannelPoisonTest {

    /** Reads and writes on a poisoned channel throw; poison is idempotent. */
    @BackendTest
    void operationsOnAPoisonedChannelThrow(Backend backend) {
        Channel<Integer> c = new Channel<>();
        c.poison();
        c.poison();
        assertThat(c.isPoisoned()).isTrue();
        assertThatThrownBy(c::read).isInstanceOf(ChannelPoison.class);
        assertThatThrownBy(() -> c.write(1)).isInstanceOf(ChannelPoison.class);
        assertThatThrownBy(c::tryRead).isInstanceOf(ChannelPoison.class);
        assertThatThrownBy(() -> c.tryWrite(1)).isInstanceOf(ChannelPoison.class);
    }

    /** Poison wakes ALL blocked readers and writers, not just one (python-csp woke one). */
    @BackendTest
    void poisonWakesEveryBlockedReaderAndWriter(Backend backend) throws Exception {
        Channel<Integer> readers = new Channel<>();
        Channel<Integer> writers = new Channel<>();
        AtomicInteger poisoned = new AtomicInteger();
        List<CSPProcess> ps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ps.add(new CSPProcess(() -> {
                try {
                    readers.read();
                } catch (ChannelPoison e) {
                    poisoned.incrementAndGet();
                }
            }).start());
            ps.add(new CSPProcess(() -> {
                try {
                    writers.write(1);
                } catch (ChannelPoison e) {
                    poisoned.incrementAndGet();
                }
            }).start());
        }
        Awaitility.await().until(() -> readers.core.waiterCounts()[0] == 10
                && writers.core.waiterCounts()[1] == 10);
        readers.poison();
        writers.poison();
        for (CSPProcess p : ps) {
            p.join();
        }
        assertThat(poisoned).hasValue(20);
    }

    /** A writer whose value was not taken gets ChannelPoison: it never returns as delivered. */
    @BackendTest
    void parkedWriterGetsPoisonNotSuccess(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        AtomicInteger outcome = new AtomicInteger();
        CSPProcess w = new CSPProcess(() -> {
            try {
                c.write(1);
                outcome.set(1);
            } catch (ChannelPoison e) {
                outcome.set(2);
            }
        }).start();
        Awaitility.await().until(() -> c.core.waiterCounts()[1] == 1);
        c.poison();
        w.join();
        assertThat(outcome).hasValue(2);
    }

    /** Poisoning one channel does not affect another. */
    @BackendTest
    void poisonDoesNotReachUnrelatedChannels(Backend backend) throws Exception {
        Channel<Integer> a = new Channel<>();
        Channel<Integer> b = new Channel<>();
        a.poison();
        CSPProcess w = new CSPProcess(() -> b.write(3)).start();
        assertThat(b.read()).isEqualTo(3);
        w.join();
        assertThat(b.isPoisoned()).isFalse();
    }

    /** A process ending with ChannelPoison poisons the channels it was given, then ends quietly. */
    @BackendTest
    void poisonSpreadsThroughArgumentsCollectionsMapsAndRecords(Backend backend)
            throws Exception {
        record Ends(Channel<Integer> in, List<Channel<Integer>> more) {}
        Channel<Integer> trigger = new Channel<>();
        Channel<Integer> inList = new Channel<>();
        Channel<Integer> inMapValue = new Channel<>();
        Channel<Integer> inRecord = new Channel<>();
        Channel<Integer> inRecordList = new Channel<>();
        Channel<Integer> unrelated = new Channel<>();
        CSPProcess p = new CSPProcess(() -> trigger.read(), trigger, List.of(inList),
                Map.of("k", inMapValue), new Ends(inRecord, List.of(inRecordList)));
        p.start();
        trigger.poison();
        p.join(); // quiet: no exception
        assertThat(List.of(inList, inMapValue, inRecord, inRecordList))
                .allMatch(Channel::isPoisoned);
        assertThat(unrelated.isPoisoned()).isFalse();
    }

    /** Channels registered with uses() are poisoned too. */
    @BackendTest
    void registeredChannelsArePoisoned(Backend backend) throws Exception {
        Channel<Integer> in = new Channel<>();
        Channel<Integer> out = new Channel<>();
        CSPProcess p = new CSPProcess(() -> out.write(in.read())).uses(in, out);
        p.start();
        in.poison();
        p.join();
        assertThat(out.isPoisoned()).isTrue();
    }

    /** A Generate -> Id -> Printer pipeline shuts down when the sink poisons its input. */
    @BackendTest
    void pipelineShutsDownWhenTheSinkPoisonsItsInput(Backend backend) throws Exception {
        Channel<Integer> a = new Channel<>();
        Channel<Integer> b = new Channel<>();
        List<Integer> printed = new ArrayList<>();
        CSPProcess generate = new CSPProcess(() -> {
            for (int i = 0; ; i++) {
                a.write(i);
            }
        }, a);
        CSPProcess id = new CSPServer(() -> {
            b.write(a.read());
            return true;
        }, a, b);
        CSPProcess printer = new CSPProcess(() -> {
            for (int i = 0; i < 10; i++) {
                printed.add(b.read());
            }
            b.poison();
        }, b);
        new Par(generate, id, printer).run();
        assertThat(printed).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(a.isPoisoned()).isTrue();
    }
}
