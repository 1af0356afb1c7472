package org.loomcsp.tutorial.solutions;

import static org.loomcsp.Csp.forever;
import static org.loomcsp.Csp.process;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.loomcsp.CSPProcess;
import org.loomcsp.CSPServer;
import org.loomcsp.Channel;
import org.loomcsp.Par;
import org.loomcsp.patterns.TokenRing;

/** Solutions to the exercises of tutorial part 8 (design patterns). */
public final class Part08Solutions {

    private Part08Solutions() {}

    /** Exercise 1: a request to the counter server; {@code increment} false means "get". */
    public record CounterRequest(boolean increment, Channel<Long> reply) {}

    /** Exercise 1: a server owning a counter. */
    public static CSPServer counter(Channel<CounterRequest> requests) {
        long[] count = {0};
        return forever(() -> {
            CounterRequest r = requests.read();
            if (r.increment()) {
                count[0]++;
            }
            r.reply().write(count[0]);
            return true;
        }, requests);
    }

    /** Exercise 1: {@code clients} clients increment {@code times} times each; returns the final count. */
    public static long countWith(int clients, int times) throws InterruptedException {
        Channel<CounterRequest> requests = new Channel<>();
        CSPProcess server = counter(requests).start();
        List<CSPProcess> cs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            cs.add(process(() -> {
                Channel<Long> reply = new Channel<>();
                for (int i = 0; i < times; i++) {
                    requests.write(new CounterRequest(true, reply));
                    reply.read();
                }
            }, requests));
        }
        new Par(cs).run();
        Channel<Long> reply = new Channel<>();
        requests.write(new CounterRequest(false, reply));
        long result = reply.read();
        requests.poison();
        server.join();
        return result;
    }

    private record Job(int index, int input) {}

    private record Result(int index, int output) {}

    /** Exercise 2: applies {@code f} to every input with {@code workers} workers; results in input order. */
    public static List<Integer> farmInOrder(List<Integer> inputs, int workers, IntUnaryOperator f)
            throws InterruptedException {
        Channel<Job> jobs = new Channel<>();
        Channel<Result> results = new Channel<>();
        List<Integer> ordered = new ArrayList<>();
        List<CSPProcess> farm = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            farm.add(forever(() -> {
                Job j = jobs.read();
                results.write(new Result(j.index(), f.applyAsInt(j.input())));
                return true;
            }, jobs, results));
        }
        farm.add(process(() -> {
            for (int i = 0; i < inputs.size(); i++) {
                jobs.write(new Job(i, inputs.get(i)));
            }
        }, jobs));
        farm.add(process(() -> {
            // Results arrive in any order; hold early ones back until their turn.
            java.util.Map<Integer, Integer> early = new java.util.HashMap<>();
            int next = 0;
            for (int i = 0; i < inputs.size(); i++) {
                Result r = results.read();
                early.put(r.index(), r.output());
                while (early.containsKey(next)) {
                    ordered.add(early.remove(next));
                    next++;
                }
            }
            jobs.poison();
            results.poison();
        }, jobs, results));
        new Par(farm).run();
        return ordered;
    }

    /**
     * Exercise 3: a {@link TokenRing} of {@code size} nodes and {@code tokens} tokens in which
     * every node relays {@code rounds} times, adding one; returns, for each holder in index
     * order, the value of the last token it read.
     */
    public static List<Integer> lastTokens(int size, int tokens, int rounds)
            throws InterruptedException {
        int[] last = new int[size];
        new TokenRing<Integer>(node -> process(() -> {
            if (node.holdsToken()) {
                node.out().write(0);
                for (int i = 1; i < rounds; i++) {
                    node.out().write(node.in().read() + 1);
                }
                last[node.index()] = node.in().read();
            } else {
                for (int i = 0; i < rounds; i++) {
                    node.out().write(node.in().read() + 1);
                }
            }
        }, node.in(), node.out()), size, tokens).run();
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (TokenRing.holdsToken(i, size, tokens)) {
                values.add(last[i]);
            }
        }
        return values;
    }
}
