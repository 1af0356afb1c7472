package org.loomcsp.tutorial.solutions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.loomcsp.Backend;
import org.loomcsp.testing.BackendTest;
import org.loomcsp.tutorial.solutions.Part03Solutions.Tagged;

class Part03SolutionsTest {

    /** Exercise 1: the pipeline sums the squares of 1..n. */
    @BackendTest
    void pipelineSumsSquares(Backend backend) throws Exception {
        assertThat(Part03Solutions.sumOfSquares(10)).isEqualTo(385);
        assertThat(Part03Solutions.sumOfSquares(1000)).isEqualTo(333_833_500L);
    }

    /** Exercise 2: after n round trips ping holds n. */
    @BackendTest
    void pingPongCountsRoundTrips(Backend backend) throws Exception {
        assertThat(Part03Solutions.pingPong(1)).isEqualTo(1);
        assertThat(Part03Solutions.pingPong(1000)).isEqualTo(1000);
    }

    /** Exercise 3: every value arrives exactly once, each producer's in the order sent. */
    @BackendTest
    void fanInDeliversEveryValueOnceInPerProducerOrder(Backend backend) throws Exception {
        int k = 8;
        int m = 200;
        List<Tagged> got = Part03Solutions.fanIn(k, m);
        assertThat(got).hasSize(k * m).doesNotHaveDuplicates();
        for (int p = 0; p < k; p++) {
            int id = p;
            assertThat(got.stream().filter(t -> t.producer() == id).map(Tagged::value).toList())
                    .isSorted().hasSize(m);
        }
    }
}
