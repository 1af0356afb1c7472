package org.loomcsp.tutorial.solutions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.loomcsp.Backend;
import org.loomcsp.testing.BackendTest;

class Part02SolutionsTest {

    /** Exercise 1: the parallel sum equals the sequential one, for slice counts that do and do not divide the length. */
    @BackendTest
    void parallelSumEqualsTheSequentialSum(Backend backend) throws Exception {
        int[] values = IntStream.rangeClosed(1, 10_001).toArray();
        long expected = IntStream.of(values).asLongStream().sum();
        for (int k : new int[] {1, 3, 8, 64}) {
            assertThat(Part02Solutions.parallelSum(values, k)).as("k=" + k).isEqualTo(expected);
        }
    }

    /** Exercise 2: in each of three rounds, boil precedes grind and heat milk, which both precede serve. */
    @BackendTest
    void coffeeRoundsKeepTheirOrder(Backend backend) throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Part02Solutions.coffee(log).run();
        assertThat(log).hasSize(12);
        for (int r = 0; r < 3; r++) {
            List<String> round = log.subList(4 * r, 4 * r + 4);
            assertThat(round.get(0)).isEqualTo("boil");
            assertThat(round.subList(1, 3)).containsExactlyInAnyOrder("grind", "heat milk");
            assertThat(round.get(3)).isEqualTo("serve");
        }
    }

    /** Exercise 3: wc counts lines, words and characters of each file. */
    @BackendTest
    void wcCountsLinesWordsAndCharacters(Backend backend, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "the quick brown fox\njumps over\n");
        Files.writeString(dir.resolve("b.txt"), "the lazy dog");
        Files.writeString(dir.resolve("empty.txt"), "");
        Map<String, long[]> counts = Part02Solutions.wc(dir);
        assertThat(counts).containsOnlyKeys("a.txt", "b.txt", "empty.txt");
        assertThat(counts.get("a.txt")).containsExactly(2, 6, 31);
        assertThat(counts.get("b.txt")).containsExactly(1, 3, 12);
        assertThat(counts.get("empty.txt")).containsExactly(0, 0, 0);
    }
}
