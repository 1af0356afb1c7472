package org.loomcsp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.loomcsp.Backend;
import org.loomcsp.testing.BackendTest;

class FooTest {

    /** CSPProcess(foo, 100) prints 100. */
    @BackendTest
    void printsTheArgument(Backend backend) throws Exception {
        Capture c = new Capture();
        Foo.process(c.out).run();
        assertThat(c.lines()).containsExactly("100");
    }
}
