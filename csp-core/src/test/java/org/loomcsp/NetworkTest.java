package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.loomcsp.testing.BackendTest;

class NetworkTest {

    /** A par block nested in a seq block runs (python-csp's context manager skipped it). */
    @BackendTest
    void parInsideSeqRuns(Backend backend) throws Exception {
        var q = new ConcurrentLinkedQueue<String>();
        new Network()
                .seq(s -> s
                        .process(() -> q.add("first"))
                        .par(p -> p.process(() -> q.add("x")).process(() -> q.add("y")))
                        .process(() -> q.add("last")))
                .run();
        List<String> order = List.copyOf(q);
        assertThat(order).hasSize(4);
        assertThat(order.get(0)).isEqualTo("first");
        assertThat(order.subList(1, 3)).containsExactlyInAnyOrder("x", "y");
        assertThat(order.get(3)).isEqualTo("last");
    }

    /** Several top-level items run in parallel; a seq inside a par keeps its order. */
    @BackendTest
    void topLevelItemsRunInParallelAndSeqKeepsOrder(Backend backend) throws Exception {
        var q = new ConcurrentLinkedQueue<String>();
        new Network()
                .process(() -> q.add("a"))
                .par(p -> p.seq(s -> s.process(() -> q.add("1")).process(() -> q.add("2"))))
                .run();
        assertThat(q).containsExactlyInAnyOrder("a", "1", "2");
        List<String> order = List.copyOf(q);
        assertThat(order.indexOf("1")).isLessThan(order.indexOf("2"));
    }

    /** An empty network runs and ends; a network can be built only once. */
    @BackendTest
    void emptyNetworkRunsAndBuildsOnce(Backend backend) throws Exception {
        Network n = new Network();
        n.run();
        assertThatThrownBy(n::run).isInstanceOf(IllegalStateException.class);
    }
}
