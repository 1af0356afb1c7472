package org.loomcsp.builtins.dsp;

import java.util.Objects;
import org.loomcsp.CSPServer;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Writes the difference between each value and the one before it (the first is compared with
 * {@code 0.0}): python-csp's {@code dsp.Difference(inchan, outchan, window=1)}, whose {@code
 * window} was ignored and is left out. Runs until poisoned; poison on either channel is passed on
 * to the other.
 */
public class Difference extends CSPServer {

    /** Creates the process (not started): reads {@code cin}, writes differences to {@code cout}. */
    public Difference(ChannelInput<? extends Number> cin, ChannelOutput<? super Double> cout) {
        super(step(cin, cout), cin, cout);
    }

    private static Step step(ChannelInput<? extends Number> cin,
            ChannelOutput<? super Double> cout) {
        Objects.requireNonNull(cin, "cin");
        Objects.requireNonNull(cout, "cout");
        double[] previous = {0.0};
        return () -> {
            double x = cin.read().doubleValue();
            cout.write(x - previous[0]);
            previous[0] = x;
            return true;
        };
    }
}
