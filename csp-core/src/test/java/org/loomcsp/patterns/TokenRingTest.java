package org.loomcsp.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.testing.BackendTest;

class TokenRingTest {

    /**
     * A relay node: a token holder writes a fresh token (0) first; every node then forwards
     * tokens, adding one per hop, for 'trials' writes in all; holders absorb the tokens that come
     * home at the end and record their values.
     */
    private static Function<TokenRing.Node<Integer>, CSPProcess> relay(int trials,
            List<Integer> absorbed) {
        return node -> new CSPProcess(() -> {
            if (node.holdsToken()) {
                node.out().write(0);
                for (int i = 1; i < trials; i++) {
                    node.out().write(node.in().read() + 1);
                }
                absorbed.add(node.in().read());
            } else {
                for (int i = 0; i < trials; i++) {
                    node.out().write(node.in().read() + 1);
                }
            }
        }, node.in(), node.out());
    }

    /** Node i reads channel i-1 and writes channel i; node 0 reads the last channel. */
    @BackendTest
    void wiringFollowsPythonCsp(Backend backend) {
        List<TokenRing.Node<Integer>> seen = new ArrayList<>();
        TokenRing<Integer> ring = new TokenRing<>(n -> {
            seen.add(n);
            return new CSPProcess(() -> { });
        }, 5, 1);
        assertThat(ring.size()).isEqualTo(5);
        assertThat(seen).extracting(TokenRing.Node::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(seen.get(0).in()).isSameAs(ring.channels().get(4));
        for (int i = 0; i < 5; i++) {
            assertThat(seen.get(i).out()).isSameAs(ring.channels().get(i));
            if (i > 0) {
                assertThat(seen.get(i).in()).isSameAs(ring.channels().get(i - 1));
            }
        }
        assertThat(seen).filteredOn(TokenRing.Node::holdsToken).extracting(TokenRing.Node::index)
                .containsExactly(0);
    }

    /** One token passed once round a 5-node ring comes back incremented 4 times (python-csp's check). */
    @BackendTest
    void oneTokenGoesRoundTheRing(Backend backend) throws Exception {
        List<Integer> absorbed = Collections.synchronizedList(new ArrayList<>());
        new TokenRing<>(relay(1, absorbed), 5).run();
        assertThat(absorbed).containsExactly(4);
    }

    /**
     * A ring with several tokens runs to the end (python-csp's deadlocked): every hop adds one,
     * so the tokens that come home carry trials * size - tokens increments in all.
     */
    @BackendTest
    void severalTokensCirculateWithoutDeadlock(Backend backend) throws Exception {
        for (int tokens : new int[] {2, 3, 7}) {
            List<Integer> absorbed = Collections.synchronizedList(new ArrayList<>());
            int size = 8;
            int trials = 50;
            new TokenRing<>(relay(trials, absorbed), size, tokens).run();
            assertThat(absorbed).hasSize(tokens);
            assertThat(absorbed.stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(trials * size - tokens);
        }
    }

    /** Tokens sit at evenly spaced nodes floor(k * size / tokens). */
    @BackendTest
    void tokensAreEvenlySpaced(Backend backend) {
        assertThat(IntStream.range(0, 8).filter(i -> TokenRing.holdsToken(i, 8, 4)))
                .containsExactly(0, 2, 4, 6);
        assertThat(IntStream.range(0, 10).filter(i -> TokenRing.holdsToken(i, 10, 3)))
                .containsExactly(0, 3, 6);
        assertThat(IntStream.range(0, 5).filter(i -> TokenRing.holdsToken(i, 5, 4)))
                .containsExactly(0, 1, 2, 3);
    }

    /** Sizes and token counts that cannot run are refused. */
    @BackendTest
    void impossibleRingsAreRefused(Backend backend) {
        assertThatThrownBy(() -> new TokenRing<Integer>(n -> new CSPProcess(() -> { }), 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenRing<Integer>(n -> new CSPProcess(() -> { }), 4, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 3");
        assertThatThrownBy(() -> new TokenRing<Integer>(n -> new CSPProcess(() -> { }), 4, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
