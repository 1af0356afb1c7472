package org.loomcsp.builtins;

import java.util.Objects;
import org.loomcsp.CSPServer;
import org.loomcsp.ChannelOutput;

/**
 * Writes {@code k * increment} for {@code k = 0, 1, 2, ...} as {@code Double}s, starting at
 * {@code 0.0}: python-csp's {@code GenerateFloats(outchan, increment=0.1)} ({@code [0.0, 0.1,
 * 0.2, 0.30000000000000004, ...]}: each value is computed as {@code k * increment}, so errors do
 * not accumulate). Runs until its channel is poisoned.
 */
public class GenerateFloats extends CSPServer {

    /** The default increment, 0.1. */
    public static final double DEFAULT_INCREMENT = 0.1;

    /** Creates the process (not started) with increment 0.1. */
    public GenerateFloats(ChannelOutput<? super Double> cout) {
        this(cout, DEFAULT_INCREMENT);
    }

    /** Creates the process (not started): writes multiples of {@code increment} to {@code cout}. */
    public GenerateFloats(ChannelOutput<? super Double> cout, double increment) {
        super(step(cout, increment), cout);
    }

    private static Step step(ChannelOutput<? super Double> cout, double increment) {
        Objects.requireNonNull(cout, "cout");
        long[] k = {0};
        return () -> {
            cout.write(k[0] * increment);
            k[0]++;
            return true;
        };
    }
}
