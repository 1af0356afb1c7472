package org.loomcsp.tutorial.solutions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loomcsp.Csp.par;
import static org.loomcsp.Csp.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.testing.BackendTest;

class Part06SolutionsTest {

    /** Exercise 1: drain returns exactly the buffered values and never blocks. */
    @BackendTest
    void drainTakesWhatIsReady(Backend backend) throws Exception {
        Channel<Integer> c = Channel.buffered(5);
        assertThat(Part06Solutions.drain(c)).isEmpty();
        for (int i = 0; i < 5; i++) {
            c.write(i);
        }
        assertThat(Part06Solutions.drain(c)).containsExactly(0, 1, 2, 3, 4);
        assertThat(Part06Solutions.drain(new Channel<Integer>())).isEmpty();
    }

    /** Exercise 2: with no reader, a buffer of 2 takes 2 values; with a reader, all are sent. */
    @BackendTest
    void sendAllStopsAtTheFirstTimeout(Backend backend) throws Exception {
        List<Integer> values = List.of(1, 2, 3, 4, 5);
        assertThat(Part06Solutions.sendAll(Channel.buffered(2), values, Duration.ofMillis(10)))
                .isEqualTo(2);
        Channel<Integer> c = new Channel<>();
        List<Integer> got = new ArrayList<>();
        CSPProcess reader = process(() -> {
            for (int i = 0; i < 5; i++) {
                got.add(c.read());
            }
        }, c).start();
        assertThat(Part06Solutions.sendAll(c, values, Duration.ofSeconds(30))).isEqualTo(5);
        reader.join();
        assertThat(got).containsExactlyElementsOf(values);
    }

    /** Exercise 3: the balancer delivers every value exactly once across two consumers. */
    @BackendTest
    void balancerDeliversEachValueOnce(Backend backend) throws Exception {
        Channel<Integer> in = new Channel<>();
        Channel<Integer> out1 = new Channel<>();
        Channel<Integer> out2 = new Channel<>();
        Channel<Integer> done = Channel.buffered(1000);
        CSPProcess producer = process(() -> {
            for (int i = 0; i < 1000; i++) {
                in.write(i);
            }
        }, in);
        CSPProcess c1 = process(() -> {
            while (true) {
                done.write(out1.read());
            }
        }, out1);
        CSPProcess c2 = process(() -> {
            while (true) {
                done.write(out2.read());
            }
        }, out2);
        CSPProcess counter = process(() -> {
            List<Integer> got = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                got.add(done.read());
            }
            assertThat(got).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, 1000).boxed().toList());
            in.poison();
        });
        par(producer, Part06Solutions.balance(in, out1, out2), c1, c2, counter).run();
    }
}
