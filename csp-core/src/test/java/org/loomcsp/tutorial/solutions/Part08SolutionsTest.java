package org.loomcsp.tutorial.solutions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.loomcsp.Backend;
import org.loomcsp.testing.BackendTest;

class Part08SolutionsTest {

    /** Exercise 1: the counter server loses no increment under 10 concurrent clients. */
    @BackendTest
    void counterServerLosesNoIncrement(Backend backend) throws Exception {
        assertThat(Part08Solutions.countWith(10, 1000)).isEqualTo(10_000);
    }

    /** Exercise 2: the farm's results come out in job order. */
    @BackendTest
    void farmDeliversResultsInJobOrder(Backend backend) throws Exception {
        List<Integer> inputs = IntStream.range(0, 500).boxed().toList();
        List<Integer> out = Part08Solutions.farmInOrder(inputs, 7, x -> x * x);
        assertThat(out).containsExactlyElementsOf(inputs.stream().map(x -> x * x).toList());
    }

    /**
     * Exercise 3: in a ring with several tokens, the holders' last tokens add up to every write
     * but the first of each token, are equal when the tokens divide the ring, and do not change
     * from run to run.
     */
    @BackendTest
    void tokenRingHopsAddUpAndAreDeterminate(Backend backend) throws Exception {
        List<Integer> even = Part08Solutions.lastTokens(12, 4, 5);
        assertThat(even).hasSize(4).containsOnly(12 * 5 / 4 - 1);
        List<Integer> uneven = Part08Solutions.lastTokens(10, 3, 7);
        assertThat(uneven).hasSize(3);
        assertThat(uneven.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10 * 7 - 3);
        for (int run = 0; run < 5; run++) {
            assertThat(Part08Solutions.lastTokens(10, 3, 7)).isEqualTo(uneven);
        }
    }
}
