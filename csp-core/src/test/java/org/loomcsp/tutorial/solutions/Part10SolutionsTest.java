package org.loomcsp.tutorial.solutions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loomcsp.Csp.par;
import static org.loomcsp.Csp.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.loomcsp.Backend;
import org.loomcsp.Channel;
import org.loomcsp.testing.BackendTest;

class Part10SolutionsTest {

    /** Exercise 1: the integrator turns 1, 2, 3, ... into the running sums. */
    @BackendTest
    void integratorProducesRunningSums(Backend backend) throws Exception {
        Channel<Long> in = new Channel<>();
        Channel<Long> out = new Channel<>();
        List<Long> got = new ArrayList<>();
        par(process(() -> {
            for (long i = 1; ; i++) {
                in.write(i);
            }
        }, in), Part10Solutions.integrate(in, out), process(() -> {
            for (int i = 0; i < 5; i++) {
                got.add(out.read());
            }
            out.poison();
        }, out)).run();
        assertThat(got).containsExactly(1L, 3L, 6L, 10L, 15L);
    }

    /**
     * Exercise 2: a burst written back to back (each write waits for the debouncer, well within
     * the quiet period) comes out as its last event only.
     */
    @BackendTest
    void debounceForwardsOnlyTheLastOfABurst(Backend backend) throws Exception {
        Channel<String> in = new Channel<>();
        Channel<String> out = new Channel<>();
        List<String> got = new ArrayList<>();
        par(Part10Solutions.debounce(in, out, Duration.ofSeconds(2)), process(() -> {
            for (int i = 1; i <= 5; i++) {
                in.write("e" + i);
            }
            got.add(out.read());
            in.poison();
        }, in, out)).run();
        assertThat(got).containsExactly("e5");
    }
}
