package org.loomcsp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.loomcsp.Backend;
import org.loomcsp.CSPServer;
import org.loomcsp.testing.BackendTest;

class IntegersTest {

    private static final List<String> ZERO_TO_1000 =
            IntStream.rangeClosed(0, 1000).mapToObj(String::valueOf).toList();

    /** The iterator form prints 0..limit, one number per step, and ends. */
    @BackendTest
    void iteratorFormPrintsZeroToLimit(Backend backend) throws Exception {
        Capture c = new Capture();
        CSPServer s = Integers.iteratorForm(c.out, 1000);
        s.run();
        assertThat(c.lines()).isEqualTo(ZERO_TO_1000);
        assertThat(s.steps()).isEqualTo(1001);
    }

    /** The step form prints the same. */
    @BackendTest
    void stepFormPrintsZeroToLimit(Backend backend) throws Exception {
        Capture c = new Capture();
        Integers.stepForm(c.out, 1000).run();
        assertThat(c.lines()).isEqualTo(ZERO_TO_1000);
    }
}
