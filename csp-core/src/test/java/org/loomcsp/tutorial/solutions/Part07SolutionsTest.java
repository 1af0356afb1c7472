package org.loomcsp.tutorial.solutions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loomcsp.Csp.par;
import static org.loomcsp.Csp.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.loomcsp.Alt;
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

    /** Exercise 3: commstime wired from the library counts 0, 1, 2, ... and then ends. */
    @BackendTest
    void libraryCommstimeCountsAndEnds(Backend backend) throws Exception {
        assertThat(Part07Solutions.commstimeFromLibrary(100))
                .containsExactlyElementsOf(LongStream.range(0, 100).boxed().toList());
    }

    /**
     * Exercise 2: an idle worker sends heartbeats, and still answers jobs. The client offers
     * the job while it keeps taking heartbeats: a worker whose alarm fired just before the job
     * came is writing a heartbeat, and a client that only wrote the job would deadlock with it.
     */
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
                    Alt alt = new Alt(jobs.writeGuard("x"), heartbeats);
                    while (true) {
                        Object v = alt.priSelect();
                        if (alt.lastSelectedIndex() == 0) {
                            break;
                        }
                        seen.add((String) v);
                    }
                    seen.add(results.read());
                    seen.add(heartbeats.read());
                    jobs.poison();
                }, jobs, results, heartbeats)).run();
        assertThat(seen).startsWith("alive", "alive").endsWith("done x", "alive");
        assertThat(seen).filteredOn(s -> !s.equals("alive")).containsExactly("done x");
    }
}
