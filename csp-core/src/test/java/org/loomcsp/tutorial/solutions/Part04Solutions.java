package org.loomcsp.tutorial.solutions;

import static org.loomcsp.Csp.forever;
import static org.loomcsp.Csp.par;
import static org.loomcsp.Csp.process;

import java.util.ArrayList;
import java.util.List;
import org.loomcsp.CSPProcess;
import org.loomcsp.CSPServer;
import org.loomcsp.Channel;
import org.loomcsp.Par;

/** Solutions to the exercises of tutorial part 4 (poison). */
public final class Part04Solutions {

    private Part04Solutions() {}

    /** A server that copies its input to its output until poisoned. */
    static CSPServer forward(Channel<Integer> in, Channel<Integer> out) {
        return forever(() -> {
            out.write(in.read());
            return true;
        }, in, out);
    }

    /**
     * Exercise 1: producer -> k forwarders -> consumer of ten values, which poisons its input.
     * Returns what the consumer got; {@code channels} receives every channel of the network.
     */
    public static List<Integer> longPipeline(int k, List<Channel<Integer>> channels)
            throws InterruptedException {
        for (int i = 0; i <= k; i++) {
            channels.add(new Channel<>());
        }
        List<Integer> got = new ArrayList<>();
        List<CSPProcess> ps = new ArrayList<>();
        Channel<Integer> first = channels.get(0);
        ps.add(process(() -> {
            for (int i = 0; ; i++) {
                first.write(i);
            }
        }, first));
        for (int i = 0; i < k; i++) {
            ps.add(forward(channels.get(i), channels.get(i + 1)));
        }
        Channel<Integer> last = channels.get(k);
        ps.add(process(() -> {
            for (int i = 0; i < 10; i++) {
                got.add(last.read());
            }
            last.poison();
        }, last));
        new Par(ps).run();
        return got;
    }

    /**
     * Exercise 2: the consumer counts until poison and reports on a separate channel. It catches
     * the poison of its input and then writes the count normally; it still names both channels
     * so that a failure (or poison of the result channel) reaches both.
     */
    public static int countUntilPoison(int n) throws InterruptedException {
        Channel<Integer> data = new Channel<>();
        Channel<Integer> result = new Channel<>();
        CSPProcess producer = process(() -> {
            for (int i = 0; i < n; i++) {
                data.write(i);
            }
            data.poison();
        }, data);
        CSPProcess consumer = process(() -> {
            int count = 0;
            try {
                while (true) {
                    data.read();
                    count++;
                }
            } catch (org.loomcsp.ChannelPoison e) {
                result.write(count);   // the input is finished; the result channel is fine
            }
        }, data, result);
        CSPProcess network = par(producer, consumer).start();
        int count = result.read();
        network.join();
        return count;
    }

    /** Exercise 3: a logger that appends "closed" when it is poisoned. */
    public static CSPProcess logger(Channel<String> in, List<String> log) {
        return process(() -> {
            try {
                while (true) {
                    log.add(in.read());
                }
            } finally {
                log.add("closed");
            }
        }, in);
    }
}
