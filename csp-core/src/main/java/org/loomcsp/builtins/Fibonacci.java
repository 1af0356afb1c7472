package org.loomcsp.builtins;

import java.util.Objects;
import org.loomcsp.CSPServer;
import org.loomcsp.ChannelOutput;

/**
 * Writes the Fibonacci numbers {@code 1, 1, 2, 3, 5, 8, ...} as {@code Long}s: python-csp's
 * {@code Fibonacci(cout)}. Runs until its channel is poisoned. After the 92nd number the next
 * does not fit a {@code long}: the process then fails with {@link ArithmeticException} (and
 * poisons its channel) rather than writing a wrong number.
 */
public class Fibonacci extends CSPServer {

    /** Creates the process (not started): writes to {@code cout}. */
    public Fibonacci(ChannelOutput<? super Long> cout) {
        super(step(cout), cout);
    }

    private static Step step(ChannelOutput<? super Long> cout) {
        Objects.requireNonNull(cout, "cout");
        // ab[0] is the next number to write, ab[1] the one after; -1 marks one that overflowed.
        long[] ab = {1, 1};
        return () -> {
            if (ab[0] < 0) {
                throw new ArithmeticException("the next Fibonacci number does not fit a long");
            }
            cout.write(ab[0]);
            long sum = ab[0] + ab[1];
            long after = ab[1] < 0 || sum < 0 ? -1 : sum;
            ab[0] = ab[1];
            ab[1] = after;
            return true;
        };
    }
}
