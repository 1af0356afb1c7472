package org.loomcsp.tutorial.solutions;

import static org.loomcsp.Csp.par;
import static org.loomcsp.Csp.process;

import java.util.ArrayList;
import java.util.List;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.Par;

/** Solutions to the exercises of tutorial part 3 (channels). */
public final class Part03Solutions {

    private Part03Solutions() {}

    static CSPProcess numbers(int n, Channel<Integer> out) {
        return process(() -> {
            for (int i = 1; i <= n; i++) {
                out.write(i);
            }
        }, out);
    }

    static CSPProcess squares(int n, Channel<Integer> in, Channel<Integer> out) {
        return process(() -> {
            for (int i = 0; i < n; i++) {
                int x = in.read();
                out.write(x * x);
            }
        }, in, out);
    }

    static CSPProcess summer(int n, Channel<Integer> in, Channel<Long> result) {
        return process(() -> {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += in.read();
            }
            result.write(sum);
        }, in, result);
    }

    /** Exercise 1: numbers -> squares -> summer; main reads the result channel. */
    public static long sumOfSquares(int n) throws InterruptedException {
        Channel<Integer> a = new Channel<>();
        Channel<Integer> b = new Channel<>();
        Channel<Long> result = new Channel<>();
        CSPProcess network = par(numbers(n, a), squares(n, a, b), summer(n, b, result)).start();
        long sum = result.read();
        network.join();
        return sum;
    }

    /** Exercise 2: ping and pong pass a counter n times each way; returns what ping got last. */
    public static int pingPong(int n) throws InterruptedException {
        Channel<Integer> toPong = new Channel<>();
        Channel<Integer> toPing = new Channel<>();
        int[] last = new int[1];
        CSPProcess ping = process(() -> {
            int v = 0;
            for (int i = 0; i < n; i++) {
                toPong.write(v);
                v = toPing.read();
            }
            last[0] = v;
        }, toPong, toPing);
        CSPProcess pong = process(() -> {
            for (int i = 0; i < n; i++) {
                toPing.write(toPong.read() + 1);
            }
        }, toPong, toPing);
        par(ping, pong).run();
        return last[0];
    }

    /** A value tagged with the producer that sent it. */
    public record Tagged(int producer, int value) {}

    /** Exercise 3: k producers send 1..m each to one shared channel; returns what the consumer read. */
    public static List<Tagged> fanIn(int k, int m) throws InterruptedException {
        Channel<Tagged> shared = new Channel<>();
        List<Tagged> got = new ArrayList<>();
        List<CSPProcess> ps = new ArrayList<>();
        for (int p = 0; p < k; p++) {
            int id = p;
            ps.add(process(() -> {
                for (int v = 1; v <= m; v++) {
                    shared.write(new Tagged(id, v));
                }
            }, shared));
        }
        ps.add(process(() -> {
            for (int i = 0; i < k * m; i++) {
                got.add(shared.read());
            }
        }, shared));
        new Par(ps).run();
        return got;
    }
}
