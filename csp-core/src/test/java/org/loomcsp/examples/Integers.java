package org.loomcsp.examples;

import java.io.PrintStream;
import java.util.stream.IntStream;
import org.loomcsp.CSPServer;
import org.loomcsp.Csp;

/**
 * Tutorial part 1: a server process, in both of loomcsp's forms. python-csp:
 *
 * <pre>
 * &#64;forever
 * def integers():
 *     n = 0
 *     while (n &lt;= 1000000):
 *         print n
 *         n += 1
 *         yield
 * integers().start()
 * </pre>
 *
 * <p>The generator becomes either an iterator supplier (each {@code next()} is one {@code
 * yield}) or a step function that returns whether to go on. Run: {@code mvn -q -pl csp-core
 * test-compile exec:exec -Dexample=Integers [-Dargs="LIMIT [step]"]}; prints {@code 0} to {@code
 * LIMIT} (default 20; python-csp went to 1000000) with the iterator form, or with the step form
 * if the second argument is {@code step}.
 */
public final class Integers {

    private Integers() {}

    /** The {@code @forever} form: a generator-like iterator, one step per number. */
    static CSPServer iteratorForm(PrintStream out, int limit) {
        return Csp.forever(() -> IntStream.rangeClosed(0, limit).peek(out::println).iterator());
    }

    /** The {@code CSPServer} form with a step function: prints one number per step. */
    static CSPServer stepForm(PrintStream out, int limit) {
        int[] n = {0};
        return new CSPServer(() -> {
            out.println(n[0]);
            n[0]++;
            return n[0] <= limit;
        });
    }

    public static void main(String[] args) throws InterruptedException {
        int limit = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        boolean step = args.length > 1 && args[1].equals("step");
        (step ? stepForm(System.out, limit) : iteratorForm(System.out, limit)).run();
    }
}
