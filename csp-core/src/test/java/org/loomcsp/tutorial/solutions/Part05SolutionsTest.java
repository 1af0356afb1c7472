package org.loomcsp.tutorial.solutions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loomcsp.Csp.par;
import static org.loomcsp.Csp.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.testing.BackendTest;

class Part05SolutionsTest {

    private static CSPProcess stream(Channel<String> out, String prefix, int n) {
        return process(() -> {
            for (int i = 0; i < n; i++) {
                out.write(prefix + i);
            }
            out.write(Part05Solutions.END);
        }, out);
    }

    /** Exercise 1: merge passes every value of both streams, in per-stream order, then one END. */
    @BackendTest
    void mergePassesBothStreamsThenEnds(Backend backend) throws Exception {
        Channel<String> a = new Channel<>();
        Channel<String> b = new Channel<>();
        Channel<String> out = new Channel<>();
        List<String> got = new ArrayList<>();
        par(stream(a, "a", 50), stream(b, "b", 30), Part05Solutions.merge(a, b, out),
                process(() -> {
                    for (String v = out.read(); !v.equals(Part05Solutions.END); v = out.read()) {
                        got.add(v);
                    }
                }, out)).run();
        assertThat(got).hasSize(80);
        assertThat(got.stream().filter(v -> v.startsWith("a")).toList())
                .isEqualTo(java.util.stream.IntStream.range(0, 50).mapToObj(i -> "a" + i).toList());
        assertThat(got.stream().filter(v -> v.startsWith("b")).toList())
                .isEqualTo(java.util.stream.IntStream.range(0, 30).mapToObj(i -> "b" + i).toList());
    }

    /** Exercise 2: readWithin gives the value a writer offers, and empty when nobody writes. */
    @BackendTest
    void readWithinTimesOutOrReads(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        assertThat(Part05Solutions.readWithin(c, Duration.ofMillis(10))).isEmpty();
        CSPProcess w = process(() -> c.write(7), c).start();
        assertThat(Part05Solutions.readWithin(c, Duration.ofSeconds(30))).isEqualTo(Optional.of(7));
        w.join();
    }

    /** Exercise 3: with both channels always ready, priSelect serves only urgent and fairSelect strictly alternates. */
    @BackendTest
    void priorityAndFairnessPolicies(Backend backend) throws Exception {
        // Buffered channels filled in advance: both guards are ready at every selection.
        Channel<Integer> urgent = Channel.buffered(200);
        Channel<Integer> normal = Channel.buffered(200);
        for (int i = 0; i < 200; i++) {
            urgent.write(0);
            normal.write(1);
        }
        assertThat(Part05Solutions.serve(urgent, normal, 100, false)).containsOnly(0);
        int[] fair = Part05Solutions.serve(urgent, normal, 100, true);
        for (int i = 1; i < fair.length; i++) {
            assertThat(fair[i]).as("selection " + i).isNotEqualTo(fair[i - 1]);
        }
    }
}
