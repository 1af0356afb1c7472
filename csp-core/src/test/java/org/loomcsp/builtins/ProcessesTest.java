package org.loomcsp.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loomcsp.builtins.Harness.collect;
import static org.loomcsp.builtins.Harness.feed;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.Par;
import org.loomcsp.testing.BackendTest;

/** The non-operator builtins, each run in a network: feeders, the builtin, a collector. */
class ProcessesTest {

    /** Id copies its input. */
    @BackendTest
    void idCopies(Backend backend) throws Exception {
        Channel<String> in = new Channel<>();
        Channel<String> out = new Channel<>();
        assertThat(collect(3, out, new Id<>(in, out), feed(in, "a", "b", "c")))
                .containsExactly("a", "b", "c");
    }

    /** Succ adds one and Pred subtracts one, keeping the type. */
    @BackendTest
    void succAndPred(Backend backend) throws Exception {
        Channel<Integer> in = new Channel<>();
        Channel<Integer> out = new Channel<>();
        assertThat(collect(2, out, new Succ<>(in, out), feed(in, 1, -1))).containsExactly(2, 0);
        Channel<Long> lin = new Channel<>();
        Channel<Long> lout = new Channel<>();
        assertThat(collect(2, lout, new Pred<>(lin, lout), feed(lin, 1L, 0L)))
                .containsExactly(0L, -1L);
    }

    /** Prefix writes its item first, then forwards its input in order: [7, 1, 2, 3]. */
    @BackendTest
    void prefixWritesItsItemFirst(Backend backend) throws Exception {
        Channel<Integer> in = new Channel<>();
        Channel<Integer> out = new Channel<>();
        assertThat(collect(4, out, new Prefix<>(in, out, 7), feed(in, 1, 2, 3)))
                .containsExactly(7, 1, 2, 3);
    }

    /** Prefix refuses a null item (channels never carry null). */
    @BackendTest
    void prefixRequiresItsItem(Backend backend) {
        assertThatThrownBy(() -> new Prefix<>(new Channel<Integer>(), new Channel<>(), null))
                .isInstanceOf(NullPointerException.class);
    }

    /** Delta2 (and Splitter) write every value to both outputs, cout1 first. */
    @BackendTest
    void delta2WritesToBothOutputsInOrder(Backend backend) throws Exception {
        Channel<Integer> in = new Channel<>();
        Channel<Integer> o1 = new Channel<>("o1");
        Channel<Integer> o2 = new Channel<>("o2");
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CSPProcess reader = new CSPProcess(() -> {
            for (int i = 0; i < 3; i++) {
                log.add("o1:" + o1.read());
                log.add("o2:" + o2.read());
            }
            in.poison();
        }, o1, o2);
        new Par(Harness.feed(in, 1, 2, 3).process(), new Delta2<>(in, o1, o2), reader).run();
        assertThat(log).containsExactly("o1:1", "o2:1", "o1:2", "o2:2", "o1:3", "o2:3");
        assertThat(o1.isPoisoned()).isTrue();
        assertThat(o2.isPoisoned()).isTrue();
    }

    /**
     * The sequential Delta2 deadlocks a reader that wants cout2 before cout1; ParDelta2 serves
     * it: both outputs are offered at once.
     */
    @BackendTest
    void parDelta2ServesTheOutputsInEitherOrder(Backend backend) throws Exception {
        Channel<Integer> in = new Channel<>();
        Channel<Integer> o1 = new Channel<>("o1");
        Channel<Integer> o2 = new Channel<>("o2");
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        CSPProcess reader = new CSPProcess(() -> {
            for (int i = 0; i < 3; i++) {
                got.add(o2.read());
                got.add(o1.read());
            }
            in.poison();
        }, o1, o2);
        new Par(Harness.feed(in, 1, 2, 3).process(), new ParDelta2<>(in, o1, o2), reader).run();
        assertThat(got).containsExactly(1, 1, 2, 2, 3, 3);
    }

    /** Delta with three outputs gives every value to each. */
    @BackendTest
    void deltaWritesToEveryOutput(Backend backend) throws Exception {
        Channel<Integer> in = new Channel<>();
        List<Channel<Integer>> outs = List.of(new Channel<>(), new Channel<>(), new Channel<>());
        List<List<Integer>> got = List.of(Collections.synchronizedList(new ArrayList<>()),
                Collections.synchronizedList(new ArrayList<>()),
                Collections.synchronizedList(new ArrayList<>()));
        List<CSPProcess> procs = new ArrayList<>();
        procs.add(new CSPProcess(() -> {
            for (int v = 1; v <= 4; v++) {
                in.write(v);
            }
            in.poison();
        }, in));
        procs.add(new Delta<>(in, outs));
        for (int i = 0; i < 3; i++) {
            procs.add(Harness.drain(outs.get(i), got.get(i)));
        }
        new Par(procs).run();
        // The feeder poisons only after Delta has read 4, and Delta sees it at its next read,
        // after every output has taken 4.
        for (List<Integer> g : got) {
            assertThat(g).containsExactly(1, 2, 3, 4);
        }
    }

    /** Mux2 alternates strictly: a1, b1, a2, b2. */
    @BackendTest
    void mux2Alternates(Backend backend) throws Exception {
        Channel<String> a = new Channel<>("a");
        Channel<String> b = new Channel<>("b");
        Channel<String> out = new Channel<>();
        assertThat(collect(4, out, new Mux2<>(a, b, out), feed(a, "a1", "a2"),
                feed(b, "b1", "b2"))).containsExactly("a1", "b1", "a2", "b2");
    }

    /** AltMux2 takes whichever input is ready: a silent cin1 does not block cin2. */
    @BackendTest
    void altMux2TakesWhicheverInputIsReady(Backend backend) throws Exception {
        Channel<String> a = new Channel<>("a");
        Channel<String> b = new Channel<>("b");
        Channel<String> out = new Channel<>();
        assertThat(collect(3, out, new AltMux2<>(a, b, out), feed(a), feed(b, "b1", "b2", "b3")))
                .containsExactly("b1", "b2", "b3");
    }

    /** Merge delivers every value of every input, each input's values in order. */
    @BackendTest
    void mergeDeliversEverything(Backend backend) throws Exception {
        Channel<Integer> a = new Channel<>("a");
        Channel<Integer> b = new Channel<>("b");
        Channel<Integer> out = new Channel<>();
        List<Integer> got = collect(6, out, new Merge<>(List.of(a, b), out), feed(a, 1, 2, 3),
                feed(b, 10, 20, 30));
        assertThat(got).containsExactlyInAnyOrder(1, 2, 3, 10, 20, 30);
        assertThat(got.stream().filter(v -> v < 10)).containsExactly(1, 2, 3);
        assertThat(got.stream().filter(v -> v >= 10)).containsExactly(10, 20, 30);
    }

    /** Clock ticks k times no faster than its resolution, writing increasing instants. */
    @BackendTest
    void clockTicksNoFasterThanItsResolution(Backend backend) throws Exception {
        Channel<Instant> out = new Channel<>();
        Duration res = Duration.ofMillis(20);
        int k = 3;
        long t0 = System.nanoTime();
        List<Instant> ticks = collect(k, out, new Clock(out, res));
        long elapsed = System.nanoTime() - t0;
        assertThat(elapsed).isGreaterThanOrEqualTo(res.toNanos() * k);
        assertThat(ticks).isSorted().hasSize(k);
    }

    /** Printer prints str(value) and a newline per value, flushing as it goes. */
    @BackendTest
    void printerPrintsOneLinePerValue(Backend backend) throws Exception {
        Channel<Object> in = new Channel<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        CSPProcess feeder = new CSPProcess(() -> {
            in.write(1);
            in.write("two");
            in.write(3.5);
            in.poison();
        }, in);
        new Par(feeder, new Printer(in, ps)).run();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("1\ntwo\n3.5\n");
        StringBuilder sb = new StringBuilder();
        Channel<Integer> in2 = new Channel<>();
        new Par(new CSPProcess(() -> {
            in2.write(42);
            in2.poison();
        }, in2), new Printer(in2, sb)).run();
        assertThat(sb).hasToString("42\n");
    }

    /** Mult scales every value. */
    @BackendTest
    void multScales(Backend backend) throws Exception {
        Channel<Integer> in = new Channel<>();
        Channel<Integer> out = new Channel<>();
        assertThat(collect(3, out, new Mult<>(in, out, 3), feed(in, 1, 2, -1)))
                .containsExactly(3, 6, -3);
    }

    /** Generate writes 0, 1, 2, ... */
    @BackendTest
    void generateCounts(Backend backend) throws Exception {
        Channel<Long> out = new Channel<>();
        assertThat(collect(4, out, new Generate(out))).containsExactly(0L, 1L, 2L, 3L);
    }

    /** GenerateFloats starts at 0.0 and writes k * increment. */
    @BackendTest
    void generateFloatsStartsAtZero(Backend backend) throws Exception {
        Channel<Double> out = new Channel<>();
        assertThat(collect(4, out, new GenerateFloats(out)))
                .containsExactly(0.0, 0.1, 0.2, 0.30000000000000004);
        Channel<Double> out2 = new Channel<>();
        assertThat(collect(3, out2, new GenerateFloats(out2, 0.5))).containsExactly(0.0, 0.5, 1.0);
    }

    /** Zeroes writes zeroes. */
    @BackendTest
    void zeroesWritesZeroes(Backend backend) throws Exception {
        Channel<Integer> out = new Channel<>();
        assertThat(collect(3, out, new Zeroes(out))).containsExactly(0, 0, 0);
    }

    /** Fibonacci writes 1, 1, 2, 3, 5, 8. */
    @BackendTest
    void fibonacciWritesTheSequence(Backend backend) throws Exception {
        Channel<Long> out = new Channel<>();
        assertThat(collect(7, out, new Fibonacci(out))).containsExactly(1L, 1L, 2L, 3L, 5L, 8L, 13L);
    }

    /** Fibonacci writes all 92 numbers that fit a long, then fails rather than overflow. */
    @BackendTest
    void fibonacciFailsInsteadOfOverflowing(Backend backend) throws Exception {
        Channel<Long> out = new Channel<>();
        Fibonacci fib = new Fibonacci(out);
        fib.start();
        long last = 0;
        for (int i = 0; i < 92; i++) {
            last = out.read();
        }
        assertThat(last).isEqualTo(7540113804746346429L);
        assertThatThrownBy(fib::join).hasRootCauseInstanceOf(ArithmeticException.class);
        assertThat(out.isPoisoned()).isTrue();
    }

    /** FixedDelay forwards every value, each at least its delay after it was read. */
    @BackendTest
    void fixedDelayDelaysEachValue(Backend backend) throws Exception {
        Channel<Integer> in = new Channel<>();
        Channel<Integer> out = new Channel<>();
        Duration delay = Duration.ofMillis(15);
        long t0 = System.nanoTime();
        assertThat(collect(3, out, new FixedDelay<>(in, out, delay), feed(in, 1, 2, 3)))
                .containsExactly(1, 2, 3);
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(delay.toNanos() * 3);
    }

    /** Blackhole consumes everything written to it. */
    @BackendTest
    void blackholeConsumes(Backend backend) throws Exception {
        Channel<Integer> in = new Channel<>();
        int[] written = {0};
        new Par(new CSPProcess(() -> {
            for (int i = 0; i < 100; i++) {
                in.write(i);
                written[0]++;
            }
            in.poison();
        }, in), new Blackhole(in)).run();
        assertThat(written[0]).isEqualTo(100);
    }

    /** Sign prefixes the string form of each value. */
    @BackendTest
    void signLabels(Backend backend) throws Exception {
        Channel<Integer> in = new Channel<>();
        Channel<String> out = new Channel<>();
        assertThat(collect(2, out, new Sign(in, out, "v="), feed(in, 1, 22)))
                .containsExactly("v=1", "v=22");
    }

    /**
     * A chain of builtins passes poison on: poisoning the head of Generate -> Id -> Succ -> reader
     * from the reader's end shuts every process down, and poisoning from the producer's end too.
     */
    @BackendTest
    void poisonSpreadsThroughAChain(Backend backend) throws Exception {
        Channel<Long> c1 = new Channel<>();
        Channel<Long> c2 = new Channel<>();
        Channel<Long> c3 = new Channel<>();
        List<Long> got = new ArrayList<>();
        CSPProcess reader = new CSPProcess(() -> {
            for (int i = 0; i < 5; i++) {
                got.add(c3.read());
            }
            c3.poison();
        });
        new Par(new Generate(c1), new Id<>(c1, c2), new Succ<>(c2, c3), reader).run();
        assertThat(got).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(c1.isPoisoned()).isTrue();
        assertThat(c2.isPoisoned()).isTrue();

        Channel<Integer> d1 = new Channel<>();
        Channel<Integer> d2 = new Channel<>();
        Channel<Integer> d3 = new Channel<>();
        List<Integer> all = Collections.synchronizedList(new ArrayList<>());
        new Par(new CSPProcess(() -> {
            d1.write(1);
            d1.write(2);
            d1.poison();
        }), new Neg<>(d1, d2), new Mult<>(d2, d3, 10), Harness.drain(d3, all)).run();
        assertThat(all).containsExactly(-10, -20);
        assertThat(d3.isPoisoned()).isTrue();
    }
}
