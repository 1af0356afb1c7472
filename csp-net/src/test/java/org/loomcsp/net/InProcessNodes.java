package org.loomcsp.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** In-process nodes for a test, closed together. */
final class InProcessNodes implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final List<CspNode> nodes = new ArrayList<>();

    CspNode start() {
        return start(CspNode.builder().peerTimeout(Duration.ofSeconds(5)));
    }

    CspNode start(CspNode.Builder b) {
        CspNode n = b.inProcess("test-node-" + SEQ.incrementAndGet()).build().start();
        nodes.add(n);
        return n;
    }

    @Override
    public void close() {
        for (CspNode n : nodes) {
            n.close();
        }
    }
}
