package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.loomcsp.testing.BackendTest;

class CSPServerTest {

    /** The seed's integers, iterator form: each next() is one step; a finite iterator ends cleanly. */
    @BackendTest
    void iteratorServerStepsUntilTheIteratorEnds(Backend backend) throws Exception {
        List<Integer> out = new ArrayList<>();
        CSPServer integers = Csp.forever(() -> IntStream.rangeClosed(0, 1000)
                .peek(out::add).iterator());
        integers.run();
        assertThat(out).hasSize(1001).startsWith(0, 1, 2).endsWith(1000);
        assertThat(integers.steps()).isEqualTo(1001);
    }

    /** The seed's integers, step form: a step function that says whether to go on. */
    @BackendTest
    void stepServerStopsWhenTheStepSaysSo(Backend backend) throws Exception {
        int[] n = {0};
        List<Integer> out = new ArrayList<>();
        CSPServer s = new CSPServer(() -> {
            out.add(n[0]++);
            return n[0] <= 1000;
        });
        s.run();
        assertThat(out).hasSize(1001).endsWith(1000);
        assertThat(s.steps()).isEqualTo(1001);
    }

    /** Trace mode runs exactly one step. */
    @BackendTest
    void traceModeRunsExactlyOneStep(Backend backend) throws Exception {
        int[] steps = {0};
        CSPServer s = new CSPServer(() -> {
            steps[0]++;
            return true;
        }).traceMode(true);
        s.run();
        assertThat(steps[0]).isEqualTo(1);
    }

    /** terminate() stops an infinite, busy server at its next yield point. */
    @BackendTest
    void terminateStopsABusyServerAtTheYieldPoint(Backend backend) throws Exception {
        CSPServer busy = new CSPServer(() -> true);
        busy.start();
        Awaitility.await().until(() -> busy.steps() > 1000);
        busy.terminate();
        busy.join();
        assertThat(busy.wasTerminated()).isTrue();
    }

    /** A busy server does not starve other processes, even with one carrier thread. */
    @BackendTest
    void busyServerDoesNotStarveOthers(Backend backend) throws Exception {
        // With the default 2-carrier scheduler, two busy servers could each hold a carrier.
        List<CSPServer> busy = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors() + 1; i++) {
            busy.add((CSPServer) new CSPServer(() -> true).start());
        }
        try {
            AtomicBoolean ran = new AtomicBoolean();
            new CSPProcess(() -> ran.set(true)).run();
            assertThat(ran).isTrue();
        } finally {
            busy.forEach(CSPProcess::terminate);
            for (CSPServer b : busy) {
                b.join();
            }
        }
    }

    /** A server that meets poison ends quietly and passes the poison on. */
    @BackendTest
    void serverEndsOnPoisonAndPassesItOn(Backend backend) throws Exception {
        Channel<Integer> in = new Channel<>();
        Channel<Integer> out = new Channel<>();
        CSPServer id = new CSPServer(() -> {
            out.write(in.read());
            return true;
        }, in, out);
        id.start();
        in.poison();
        id.join();
        assertThat(out.isPoisoned()).isTrue();
    }

    /** Iterator form via a real generator-like iterator object. */
    @BackendTest
    void customIteratorSteps(Backend backend) throws Exception {
        List<String> log = new ArrayList<>();
        CSPServer s = new CSPServer(() -> new Iterator<Object>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < 3;
            }

            @Override
            public Object next() {
                log.add("step" + i++);
                return null;
            }
        });
        s.run();
        assertThat(log).containsExactly("step0", "step1", "step2");
    }
}
