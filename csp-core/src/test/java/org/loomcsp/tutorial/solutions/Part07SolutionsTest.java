package org.loomcsp.tutorial.solutions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loomcsp.Csp.par;
import static org.loomcsp.Csp.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.loomcsp.Backend;
import org.loomcsp.Channel;
import org.loomcsp.testing.BackendTest;

class Part07SolutionsTest {

    /** Exercise 1: the commstime ring made of hand-written builtins counts 0, 1, 2, ... */
    @BackendTest
    void commstimeRingCounts(Backend backend) throws Exception {
        Channel<Integer> a = new Channel<>();
        Channel<Integer> b = new Channel<>();
        Channel<Integer> c = new Channel<>();
        Channel<Integer> d = new Channel<>();
        List<Integer> got = new ArrayList<>();
        par(Part07Solutions.prefix(0, c, a), Part07Solutions.delta2(a, b, d),
                Part07Solutions.succ(b, c),
                process(() -> {
                    for (int i = 0; i < 100; i++) {
                        got.add(d.read());
                    }
                    d.poison();
                }, d)).run();
        assertThat(got).containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
    }

    /** Exercise 1: generate writes the naturals. */
    @BackendTest
    void generateWritesTheNaturals(Backend backend) throws Exception {
        Channel<Integer> out = new Channel<>();
        List<Integer> got = new ArrayList<>();
        par(Part07Solutions.generate(out), process(() -> {
            for (int i = 0; i < 5; i++) {
                got.add(out.read());
            }
            out.poison();
        }, out)).run();
        assertThat(got).containsExactly(0, 1, 2, 3, 4);
    }

    /** Exercise 2: an idle worker sends heartbeats, and still answers jobs. */
    @BackendTest
    void idleWorkerSendsHeartbeatsAndAnswersJobs(Backend backend) throws Exception {
        Channel<String> jobs = new Channel<>();
        Channel<String> results = new Channel<>();
        Channel<String> heartbeats = new Channel<>();
        List<String> seen = new ArrayList<>();
        par(Part07Solutions.heartbeatWorker(jobs, results, heartbeats, Duration.ofMillis(5)),
                process(() -> {
                    seen.add(heartbeats.read());
                    seen.add(heartbeats.read());
                    jobs.write("x");
                    seen.add(results.read());
                    seen.add(heartbeats.read());
                    jobs.poison();
                }, jobs, results, heartbeats)).run();
        assertThat(seen).containsExactly("alive", "alive", "done x", "alive");
    }
}
