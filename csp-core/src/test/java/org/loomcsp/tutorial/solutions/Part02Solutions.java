package org.loomcsp.tutorial.solutions;

import static org.loomcsp.Csp.par;
import static org.loomcsp.Csp.process;
import static org.loomcsp.Csp.seq;
import static org.loomcsp.Csp.times;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.loomcsp.CSPProcess;
import org.loomcsp.Par;

/** Solutions to the exercises of tutorial part 2 (Par, Seq and repetition). */
public final class Part02Solutions {

    private Part02Solutions() {}

    /** Exercise 1: the sum of {@code values}, computed by {@code k} processes in parallel. */
    public static long parallelSum(int[] values, int k) throws InterruptedException {
        long[] partial = new long[k];
        List<CSPProcess> workers = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int slice = i;
            int from = (int) ((long) values.length * slice / k);
            int to = (int) ((long) values.length * (slice + 1) / k);
            workers.add(process(() -> {
                long s = 0;
                for (int j = from; j < to; j++) {
                    s += values[j];
                }
                partial[slice] = s;
            }));
        }
        new Par(workers).run();
        long total = 0;
        for (long p : partial) {
            total += p;
        }
        return total;
    }

    /** Exercise 2: one step of the recipe, recorded in {@code log}. */
    static CSPProcess step(String name, List<String> log) {
        return process(() -> log.add(name));
    }

    /** Exercise 2: three rounds of boil; (grind || heat milk); serve. */
    public static CSPProcess coffee(List<String> log) {
        return times(3, () -> seq(
                step("boil", log),
                par(step("grind", log), step("heat milk", log)),
                step("serve", log)));
    }

    /** Exercise 3: lines, words and characters of every regular file of {@code dir}. */
    public static Map<String, long[]> wc(Path dir) throws IOException, InterruptedException {
        Map<String, long[]> counts = new TreeMap<>();
        List<CSPProcess> counters = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                long[] mine = new long[3];
                counts.put(f.getFileName().toString(), mine);   // filled in by its process only
                counters.add(process(() -> {
                    String text = Files.readString(f);
                    mine[0] = text.lines().count();
                    mine[1] = Stream.of(text.split("\\s+")).filter(w -> !w.isEmpty()).count();
                    mine[2] = text.length();
                }));
            }
        }
        new Par(counters).run();
        return counts;
    }
}
