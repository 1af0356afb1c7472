package org.loomcsp.tutorial.solutions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loomcsp.Csp.process;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.testing.BackendTest;
import org.loomcsp.trace.TraceModel;

class Part09SolutionsTest {

    /** Exercise 1: the watchdog passes a quick process and terminates a stuck one. */
    @BackendTest
    void watchdogTerminatesStuckProcesses(Backend backend) throws Exception {
        assertThat(Part09Solutions.finishesWithin(process(() -> { }), Duration.ofSeconds(30)))
                .isTrue();
        Channel<Integer> never = new Channel<>();
        CSPProcess stuck = process(() -> never.read(), never);
        assertThat(Part09Solutions.finishesWithin(stuck, Duration.ofMillis(20))).isFalse();
        assertThat(stuck.isAlive()).isFalse();
        assertThat(stuck.wasTerminated()).isTrue();
    }

    /** Exercise 2: the fixed exchange ends with each side holding the other's value. */
    @BackendTest
    void fixedExchangeEnds(Backend backend) throws Exception {
        for (int i = 0; i < 50; i++) {
            assertThat(Part09Solutions.exchange()).containsExactly(2, 1);
        }
    }

    /** Exercise 3: the trace of the fixed exchange shows one write and one read per side. */
    @BackendTest
    void traceShowsEachSideWritingOnceAndReadingOnce(Backend backend) throws Exception {
        TraceModel model = Part09Solutions.tracedExchange();
        Map<String, TraceModel.ProcessInfo> byName = model.processes().stream()
                .collect(Collectors.toMap(TraceModel.ProcessInfo::name, p -> p));
        assertThat(byName.get("a").channelEvents()).containsExactly("a->b!", "b->a?");
        assertThat(byName.get("b").channelEvents()).containsExactly("a->b?", "b->a!");
        assertThat(byName.get("a").outcome()).isEqualTo("normal");
        assertThat(byName.get("b").outcome()).isEqualTo("normal");
    }
}
