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
}
