package org.loomcsp.builtins;

import java.util.Objects;
import org.loomcsp.CSPServer;
import org.loomcsp.ChannelOutput;

/**
 * Writes {@code 0} (an {@code Integer}) for ever: python-csp's {@code Zeroes(cout)}. Runs until
 * its channel is poisoned.
 */
public class Zeroes extends CSPServer {

    /** Creates the process (not started): writes to {@code cout}. */
    public Zeroes(ChannelOutput<? super Integer> cout) {
        super(step(cout), cout);
    }

    private static Step step(ChannelOutput<? super Integer> cout) {
        Objects.requireNonNull(cout, "cout");
        return () -> {
            cout.write(0);
            return true;
        };
    }
}
