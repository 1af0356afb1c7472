package org.loomcsp.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;
import org.loomcsp.bench.support.Impl;
import org.loomcsp.bench.support.Topologies;

/** Every network runs to completion, tiny, on every implementation (so a broken peer or core fails here, not in a 10-minute run). */
class TopologySmokeTest {
    static final java.util.List<String> IMPLS = Impl.ALL;

    @ParameterizedTest
    @FieldSource("IMPLS")
    void commstimeSeqAndParDeltaDeliverEveryValue(String id) throws Exception {
        // Commstime ends by itself and the consumer sees 0 + 1 + ... + (n-1).
        Impl impl = Impl.of(id);
        assertThat(Topologies.commstime(impl, 100, false)).isEqualTo(4950);
        assertThat(Topologies.commstime(impl, 20, true)).isEqualTo(190);
    }

    @ParameterizedTest
    @FieldSource("IMPLS")
    void pingPongStreamChainPairsAndRingTerminate(String id) throws Exception {
        // Each topology ends by itself with nothing lost (the methods throw otherwise).
        Impl impl = Impl.of(id);
        Topologies.pingPong(impl, 100);
        Topologies.stream(impl, 100);
        Topologies.chain(impl, 20, 10);
        Topologies.pairs(impl, 10, 10);
        assertThat(Topologies.tokenRing(impl, 4, 2, 50)).isEqualTo(4 * 50 - 2);
        assertThat(Topologies.tokenRing(impl, 2, 1, 10)).isEqualTo(2 * 10 - 1);
    }

    @Test
    void tokenRingRejectsAsManyTokensAsNodes() {
        // T >= N would deadlock on rendezvous channels (every node writing first), so it is refused.
        assertThatThrownBy(() -> Topologies.tokenRing(Impl.of("sq"), 4, 4, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void injectorsAreEvenlySpaced() {
        // python-csp never injected more than one token; here T tokens start at evenly spaced nodes.
        assertThat(Topologies.injectors(8, 4)).containsExactly(true, false, true, false, true, false, true, false);
        assertThat(Topologies.injectors(5, 1)).containsExactly(true, false, false, false, false);
    }
}
