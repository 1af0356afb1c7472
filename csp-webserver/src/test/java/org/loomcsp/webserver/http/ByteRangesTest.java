package org.loomcsp.webserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ByteRangesTest {
    @Test
    void overlappingRangesAreCoalesced() {
        ByteRanges.Result r = ByteRanges.parse("bytes=0-4,2-8,20-25", 100);
        assertThat(r.kind()).isEqualTo(ByteRanges.Kind.SATISFIABLE);
        assertThat(r.ranges()).containsExactly(new ByteRanges.Range(0, 8), new ByteRanges.Range(20, 25));
    }

    @Test
    void disjointRangesKeepTheClientsOrder() {
        assertThat(ByteRanges.parse("bytes=50-59,0-9", 100).ranges())
                .isEqualTo(List.of(new ByteRanges.Range(50, 59), new ByteRanges.Range(0, 9)));
    }

    @Test
    void satisfiableAndUnsatisfiableMixedKeepsTheSatisfiable() {
        ByteRanges.Result r = ByteRanges.parse("bytes=200-300, 5-6", 100);
        assertThat(r.ranges()).containsExactly(new ByteRanges.Range(5, 6));
    }

    @Test
    void garbageIsIgnoredNotRejected() {
        for (String h : new String[] {"bytes=", "bytes=a-b", "bytes=1-2-3", "bytes 1-2", "bytes=--1", "bytes=1--2"}) {
            assertThat(ByteRanges.parse(h, 100).kind()).as(h).isEqualTo(ByteRanges.Kind.IGNORE);
        }
    }
}
