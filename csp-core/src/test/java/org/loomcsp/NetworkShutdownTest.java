package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.loomcsp.testing.BackendTest;

/**
 * Whole networks: commstime shuts down completely when its consumer poisons its input, and a
 * pipeline of 10,000 processes carries values in order and winds down on poison.
 */
class NetworkShutdownTest {

    /**
     * Commstime (Prefix, Delta2, Succ, Consumer, written inline with CSPServer) shuts down
     * completely when the consumer poisons its input: every process ends, every channel is
     * poisoned, and nothing is left waiting on any channel.
     */
    @BackendTest
    void commstimeShutsDownWhenTheConsumerPoisonsItsInput(Backend backend) throws Exception {
        Channel<Integer> a = new Channel<>("a");
        Channel<Integer> b = new Channel<>("b");
        Channel<Integer> c = new Channel<>("c");
        Channel<Integer> d = new Channel<>("d");
        boolean[] first = {true};
        CSPServer prefix = new CSPServer(() -> { // Prefix(0): a -> b
            if (first[0]) {
                first[0] = false;
                b.write(0);
            } else {
                b.write(a.read());
            }
            return true;
        }, a, b);
        CSPServer delta2 = new CSPServer(() -> { // Delta2: b -> c, d (sequential, as python-csp)
            int v = b.read();
            c.write(v);
            d.write(v);
            return true;
        }, b, c, d);
        CSPServer succ = new CSPServer(() -> { // Succ: c -> a
            a.write(c.read() + 1);
            return true;
        }, c, a);
        int loops = 2_000;
        List<Integer> seen = new ArrayList<>();
        CSPProcess consumer = new CSPProcess(() -> {
            for (int i = 0; i < loops; i++) {
                seen.add(d.read());
            }
            d.poison();
        }, d);
        Par net = new Par(prefix, delta2, succ, consumer);
        net.run();
        assertThat(seen).hasSize(loops);
        for (int i = 0; i < loops; i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
        for (CSPProcess p : List.of(prefix, delta2, succ, consumer)) {
            assertThat(p.isAlive()).as(p.getName()).isFalse();
        }
        for (Channel<Integer> ch : List.of(a, b, c, d)) {
            assertThat(ch.isPoisoned()).as(ch.getName()).isTrue();
            assertThat(ch.core.waiterCounts()).as(ch.getName()).containsExactly(0, 0);
        }
    }

    /**
     * 10,000 Id processes in a pipeline (virtual backend; 2,000 platform threads, which take
     * ~1 ms each to start): values pass through in order, and poison from the source winds the
     * whole chain down (python-csp could not run this many processes).
     */
    @BackendTest
    void tenThousandProcessesPassValuesAndWindDown(Backend backend) throws Exception {
        int n = backend == Backend.VIRTUAL ? 10_000 : 2_000;
        List<Channel<Integer>> chans = new ArrayList<>(n + 1);
        for (int i = 0; i <= n; i++) {
            chans.add(new Channel<>());
        }
        List<CSPProcess> ps = new ArrayList<>(n + 2);
        for (int i = 0; i < n; i++) {
            Channel<Integer> in = chans.get(i);
            Channel<Integer> out = chans.get(i + 1);
            ps.add(new CSPServer(() -> {
                out.write(in.read() + 1);
                return true;
            }, in, out));
        }
        int tokens = 5;
        ps.add(new CSPProcess(() -> {
            for (int t = 0; t < tokens; t++) {
                chans.get(0).write(t);
            }
            chans.get(0).poison();
        }));
        List<Integer> got = new ArrayList<>();
        AtomicInteger poisoned = new AtomicInteger();
        ps.add(new CSPProcess(() -> {
            try {
                while (true) {
                    got.add(chans.get(n).read());
                }
            } catch (ChannelPoison e) {
                poisoned.incrementAndGet();
            }
        }));
        new Par(ps).run();
        assertThat(got).containsExactly(n, n + 1, n + 2, n + 3, n + 4);
        assertThat(ps).hasSize(n + 2);
        assertThat(poisoned).hasValue(1);
        for (Channel<Integer> ch : chans) {
            assertThat(ch.isPoisoned()).isTrue();
        }
        assertThat(ps).noneMatch(CSPProcess::isAlive);
    }
    /**
     * TokenRing (python-csp's benchmark as a test): a token goes round N nodes R times; each
     * node increments it, so the value equals the number of increments, N * R. Then the ring
     * winds down on poison.
     */
    @BackendTest
    void tokenRingCountsEveryIncrement(Backend backend) throws Exception {
        int n = backend == Backend.VIRTUAL ? 1_000 : 200;
        int rounds = 20;
        List<Channel<Integer>> ring = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ring.add(new Channel<>());
        }
        List<CSPProcess> ps = new ArrayList<>(n);
        int[] result = {-1};
        ps.add(new CSPProcess(() -> { // node 0 injects the token and counts the rounds
            Channel<Integer> out = ring.get(1 % n);
            Channel<Integer> in = ring.get(0);
            int token = 0;
            for (int r = 0; r < rounds; r++) {
                out.write(token + 1);
                token = in.read();
            }
            result[0] = token;
            out.poison(); // the others wait on their inputs: the poison travels round the ring
            in.poison();
        }, ring.get(0), ring.get(1 % n)));
        for (int i = 1; i < n; i++) {
            Channel<Integer> in = ring.get(i);
            Channel<Integer> out = ring.get((i + 1) % n);
            ps.add(new CSPServer(() -> {
                out.write(in.read() + 1);
                return true;
            }, in, out));
        }
        new Par(ps).run();
        assertThat(result[0]).isEqualTo(n * rounds);
        assertThat(ring).allMatch(Channel::isPoisoned);
        assertThat(ps).noneMatch(CSPProcess::isAlive);
    }
}
