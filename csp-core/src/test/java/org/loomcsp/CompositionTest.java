package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.loomcsp.testing.BackendTest;

class CompositionTest {

    private static CSPProcess log(ConcurrentLinkedQueue<String> q, String s) {
        return new CSPProcess(() -> q.add(s));
    }

    /** Par runs every child and waits for all of them. */
    @BackendTest
    void parRunsAllChildren(Backend backend) throws Exception {
        var q = new ConcurrentLinkedQueue<String>();
        new Par(log(q, "a"), log(q, "b"), log(q, "c")).run();
        assertThat(q).containsExactlyInAnyOrder("a", "b", "c");
    }

    /** Seq runs children in exact order. */
    @BackendTest
    void seqRunsChildrenInOrder(Backend backend) throws Exception {
        var q = new ConcurrentLinkedQueue<String>();
        new Seq(log(q, "0"), log(q, "1"), log(q, "2"), log(q, "3"), log(q, "4")).run();
        assertThat(String.join("", q)).isEqualTo("01234");
    }

    /** A Par inside a Seq and a Seq inside a Par both run (python-csp ran neither). */
    @BackendTest
    void compositesNestToAnyDepth(Backend backend) throws Exception {
        var q = new ConcurrentLinkedQueue<String>();
        new Seq(log(q, "a"), new Par(log(q, "b"), new Seq(log(q, "c"), log(q, "d"))), log(q, "e"))
                .run();
        List<String> order = List.copyOf(q);
        assertThat(order).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        assertThat(order.get(0)).isEqualTo("a");
        assertThat(order.get(4)).isEqualTo("e");
        assertThat(order.indexOf("c")).isLessThan(order.indexOf("d"));
    }

    /** Empty Par and Seq end at once. */
    @BackendTest
    void emptyCompositesEndAtOnce(Backend backend) throws Exception {
        new Par().run();
        new Seq().run();
    }

    /** Par waits for all children, then fails with the first failure and the others attached. */
    @BackendTest
    void parReportsEveryFailureAfterAllChildrenEnd(Backend backend) throws Exception {
        var q = new ConcurrentLinkedQueue<String>();
        Par par = new Par(
                new CSPProcess(() -> { throw new IllegalStateException("first"); }),
                log(q, "ok"),
                new CSPProcess(() -> { throw new IllegalArgumentException("second"); }));
        assertThatThrownBy(par::run).isInstanceOf(ProcessFailedException.class)
                .hasCauseInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
        assertThat(q).containsExactly("ok");
    }

    /** The container API of Par: size, get, set, contains. */
    @BackendTest
    void parContainerApi(Backend backend) throws Exception {
        var q = new ConcurrentLinkedQueue<String>();
        CSPProcess a = log(q, "a");
        CSPProcess b = log(q, "b");
        Par par = new Par(a, b);
        assertThat(par.size()).isEqualTo(2);
        assertThat(par.get(0)).isSameAs(a);
        assertThat(par.contains(b)).isTrue();
        CSPProcess c = log(q, "c");
        par.set(1, c);
        assertThat(par.contains(b)).isFalse();
        par.run();
        assertThat(q).containsExactlyInAnyOrder("a", "c");
        assertThatThrownBy(() -> par.set(0, log(q, "x"))).isInstanceOf(IllegalStateException.class);
    }

    /** times(n) runs n fresh instances in sequence (python-csp's p * n hung on threads). */
    @BackendTest
    void timesRunsFreshInstancesInSequence(Backend backend) throws Exception {
        var q = new ConcurrentLinkedQueue<String>();
        int[] i = {0};
        Csp.times(3, () -> {
            int k = i[0]++;
            return log(q, "run" + k);
        }).run();
        assertThat(q).containsExactly("run0", "run1", "run2");
    }

    /** The fluent operators: p.par(q, r) is //, p.then(q) is >, and chains read left to right. */
    @BackendTest
    void fluentOperators(Backend backend) throws Exception {
        var q = new ConcurrentLinkedQueue<String>();
        log(q, "1").then(log(q, "2")).then(log(q, "3")).run();
        assertThat(String.join("", q)).isEqualTo("123");
        q.clear();
        log(q, "a").par(log(q, "b"), log(q, "c")).run();
        assertThat(q).containsExactlyInAnyOrder("a", "b", "c");
    }

    /** A Par's backend is passed on to children that have none. */
    @BackendTest
    void childrenInheritTheParsBackend(Backend backend) throws Exception {
        Backend other = backend == Backend.VIRTUAL ? Backend.PLATFORM : Backend.VIRTUAL;
        boolean[] virtual = new boolean[1];
        new Par(new CSPProcess(() -> virtual[0] = Thread.currentThread().isVirtual()))
                .backend(other).run();
        assertThat(virtual[0]).isEqualTo(other == Backend.VIRTUAL);
    }

    /** Terminating a Par terminates its children. */
    @BackendTest
    void terminatingAParTerminatesItsChildren(Backend backend) throws Exception {
        Channel<Integer> never = new Channel<>();
        CSPProcess child = new CSPProcess(() -> never.read());
        Par par = new Par(child);
        par.start();
        org.awaitility.Awaitility.await().until(() -> never.core.waiterCounts()[0] == 1);
        par.terminate();
        par.join();
        assertThat(child.wasTerminated()).isTrue();
    }
}
