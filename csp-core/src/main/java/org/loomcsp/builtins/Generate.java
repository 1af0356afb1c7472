package org.loomcsp.builtins;

import java.util.Objects;
import org.loomcsp.CSPServer;
import org.loomcsp.ChannelOutput;

/**
 * Writes {@code 0, 1, 2, ...} as {@code Long}s: python-csp's {@code Generate(cout)}. Runs until
 * its channel is poisoned. ({@code Long} rather than {@code Integer} so that a long run does not
 * overflow; python-csp's ints were unbounded.)
 */
public class Generate extends CSPServer {

    /** Creates the process (not started): writes to {@code cout}. */
    public Generate(ChannelOutput<? super Long> cout) {
        super(step(cout), cout);
    }

    private static Step step(ChannelOutput<? super Long> cout) {
        Objects.requireNonNull(cout, "cout");
        long[] next = {0};
        return () -> {
            cout.write(next[0]);
            next[0]++;
            return true;
        };
    }
}
