package org.loomcsp.tutorial.solutions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loomcsp.Csp.par;
import static org.loomcsp.Csp.process;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.loomcsp.Backend;
import org.loomcsp.Channel;
import org.loomcsp.testing.BackendTest;

class Part04SolutionsTest {

    /** Exercise 1: the consumer's poison ends every process of a long pipeline and poisons every channel. */
    @BackendTest
    void consumerPoisonShutsDownALongPipeline(Backend backend) throws Exception {
        List<Channel<Integer>> channels = new ArrayList<>();
        List<Integer> got = Part04Solutions.longPipeline(20, channels);
        assertThat(got).containsExactlyElementsOf(IntStream.range(0, 10).boxed().toList());
        assertThat(channels).hasSize(21).allMatch(Channel::isPoisoned);
    }

    /** Exercise 2: the count reported after poison equals the number of values sent. */
    @BackendTest
    void countUntilPoisonCountsEveryValue(Backend backend) throws Exception {
        assertThat(Part04Solutions.countUntilPoison(0)).isZero();
        assertThat(Part04Solutions.countUntilPoison(100)).isEqualTo(100);
    }

    /** Exercise 3: the logger logs every line, then "closed" when poisoned. */
    @BackendTest
    void loggerClosesOnPoison(Backend backend) throws Exception {
        Channel<String> in = new Channel<>();
        List<String> log = new ArrayList<>();
        par(Part04Solutions.logger(in, log), process(() -> {
            in.write("a");
            in.write("b");
            in.poison();
        }, in)).run();
        assertThat(log).containsExactly("a", "b", "closed");
    }
}
