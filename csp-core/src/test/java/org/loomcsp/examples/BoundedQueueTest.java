package org.loomcsp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.loomcsp.Backend;
import org.loomcsp.testing.BackendTest;

class BoundedQueueTest {

    /** 15 items through a queue of size 5 all come out, in order, and the queue shuts down on poison. */
    @BackendTest
    void fifteenItemsThroughSizeFiveKeepTheirOrder(Backend backend) throws Exception {
        Capture c = new Capture();
        assertThat(BoundedQueue.pipe(15, 5, c.out))
                .containsExactlyElementsOf(IntStream.range(0, 15).boxed().toList());
    }

    /** A queue of size 1 is still a FIFO. */
    @BackendTest
    void sizeOneIsAFifo(Backend backend) throws Exception {
        assertThat(BoundedQueue.pipe(50, 1, new Capture().out))
                .containsExactlyElementsOf(IntStream.range(0, 50).boxed().toList());
    }
}
