package org.loomcsp.builtins.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.Par;
import org.loomcsp.testing.BackendTest;

/** The dsp processes, each between a feeder that poisons its input when done and a drain. */
class DspTest {

    /** Feeds {@code values} to {@code in} then poisons it; returns what reached {@code out}. */
    @SafeVarargs
    private static <A, R> List<R> run(Channel<A> in, Channel<R> out, CSPProcess underTest,
            A... values) throws Exception {
        List<R> got = Collections.synchronizedList(new ArrayList<>());
        new Par(new CSPProcess(() -> {
            for (A v : values) {
                in.write(v);
            }
            in.poison();
        }, in), underTest, new CSPProcess(() -> {
            while (true) {
                got.add(out.read());
            }
        }, out)).run();
        return List.copyOf(got);
    }

    /** Zip gathers one value per input, in list order. */
    @BackendTest
    void zipGathers(Backend backend) throws Exception {
        Channel<Integer> a = new Channel<>();
        Channel<Integer> b = new Channel<>();
        Channel<List<Integer>> out = new Channel<>();
        List<List<Integer>> got = Collections.synchronizedList(new ArrayList<>());
        new Par(new CSPProcess(() -> {
            a.write(1);
            a.write(2);
            a.poison();
        }, a), new CSPProcess(() -> {
            b.write(10);
            b.write(20);
        }, b), new Zip<>(List.of(a, b), out), new CSPProcess(() -> {
            while (true) {
                got.add(out.read());
            }
        }, out)).run();
        assertThat(got).containsExactly(List.of(1, 10), List.of(2, 20));
    }

    /** Unzip scatters element i to output i (python-csp's raised TypeError). */
    @BackendTest
    void unzipScatters(Backend backend) throws Exception {
        Channel<List<String>> in = new Channel<>();
        Channel<String> x = new Channel<>();
        Channel<String> y = new Channel<>();
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        new Par(new CSPProcess(() -> {
            in.write(List.of("x1", "y1"));
            in.write(List.of("x2", "y2"));
            in.poison();
        }, in), new Unzip<>(in, List.of(x, y)), new CSPProcess(() -> {
            while (true) {
                got.add(x.read());
                got.add(y.read());
            }
        }, x, y)).run();
        assertThat(got).containsExactly("x1", "y1", "x2", "y2");
    }

    /** Sin, Cos, Tan and Square compute their functions. */
    @BackendTest
    void functions(Backend backend) throws Exception {
        Channel<Double> in = new Channel<>();
        Channel<Double> out = new Channel<>();
        assertThat(run(in, out, new Tan(in, out), 0.0, 1.0)).containsExactly(0.0, Math.tan(1));
        Channel<Double> in2 = new Channel<>();
        Channel<Double> out2 = new Channel<>();
        assertThat(run(in2, out2, new Sin(in2, out2), 0.5)).containsExactly(Math.sin(0.5));
        Channel<Double> in3 = new Channel<>();
        Channel<Double> out3 = new Channel<>();
        assertThat(run(in3, out3, new Cos(in3, out3), 0.5)).containsExactly(Math.cos(0.5));
        Channel<Integer> in4 = new Channel<>();
        Channel<Double> out4 = new Channel<>();
        assertThat(run(in4, out4, new Square(in4, out4), 3, -2)).containsExactly(9.0, 4.0);
    }

    /** dsp.GenerateFloats steps by 0.1 from 0.0. */
    @BackendTest
    void generateFloats(Backend backend) throws Exception {
        Channel<Double> out = new Channel<>();
        List<Double> got = new ArrayList<>();
        new Par(new GenerateFloats(out), new CSPProcess(() -> {
            for (int i = 0; i < 3; i++) {
                got.add(out.read());
            }
            out.poison();
        })).run();
        assertThat(got).containsExactly(0.0, 0.1, 0.2);
    }

    /** Magnitude is the Euclidean norm. */
    @BackendTest
    void magnitude(Backend backend) throws Exception {
        Channel<List<Integer>> in = new Channel<>();
        Channel<Double> out = new Channel<>();
        assertThat(run(in, out, new Magnitude(in, out), List.of(3, 4), List.of(1, 2, 2)))
                .containsExactly(5.0, 3.0);
    }

    /** Difference writes current minus previous, the first against 0.0. */
    @BackendTest
    void difference(Backend backend) throws Exception {
        Channel<Double> in = new Channel<>();
        Channel<Double> out = new Channel<>();
        List<Double> got = run(in, out, new Difference(in, out), 1.0, 3.0, 2.5);
        assertThat(got).hasSize(3);
        assertThat(got.get(0)).isEqualTo(1.0);
        assertThat(got.get(1)).isEqualTo(2.0);
        assertThat(got.get(2)).isCloseTo(-0.5, within(1e-12));
    }

    /** Normalise subtracts start before dividing (python-csp's did not). */
    @BackendTest
    void normaliseMapsTheRangeOntoZeroOne(Backend backend) throws Exception {
        Channel<Double> in = new Channel<>();
        Channel<Double> out = new Channel<>();
        assertThat(run(in, out, new Normalise(in, out, 10.0, 20.0), 10.0, 15.0, 20.0))
                .containsExactly(0.0, 0.5, 1.0);
        Channel<Integer> in2 = new Channel<>();
        Channel<Double> out2 = new Channel<>();
        assertThat(run(in2, out2, new Normalise(in2, out2), 50)).containsExactly(0.5);
    }

    /** Threshold forwards only values at or above it. */
    @BackendTest
    void threshold(Backend backend) throws Exception {
        Channel<Integer> in = new Channel<>();
        Channel<Integer> out = new Channel<>();
        assertThat(run(in, out, new Threshold<>(in, out, 5), 1, 5, 9, 4, 6))
                .containsExactly(5, 9, 6);
    }

    /** Magnitude's gravity constant is python-csp's. */
    @BackendTest
    void gravity(Backend backend) {
        assertThat(Magnitude.ACCEL_DUE_TO_GRAVITY).isEqualTo(9.80665);
    }
}
