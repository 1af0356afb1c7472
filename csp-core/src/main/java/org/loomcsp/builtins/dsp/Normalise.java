package org.loomcsp.builtins.dsp;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;
import org.loomcsp.builtins.UnaryProcess;

/**
 * Maps {@code [start, end]} onto {@code [0, 1]}: writes {@code (x - start) / (end - start)}.
 * python-csp's {@code dsp.Normalise(inchan, outchan, start=0.0, end=100.0)}, which forgot to
 * subtract {@code start}. Runs until poisoned; poison on either channel is passed on to the
 * other.
 */
public class Normalise extends UnaryProcess<Number, Double> {

    /** Creates the process (not started) for the range 0 to 100, python-csp's default. */
    public Normalise(ChannelInput<? extends Number> cin, ChannelOutput<? super Double> cout) {
        this(cin, cout, 0.0, 100.0);
    }

    /**
     * Creates the process (not started).
     *
     * @throws IllegalArgumentException if {@code start == end}
     */
    public Normalise(ChannelInput<? extends Number> cin, ChannelOutput<? super Double> cout,
            double start, double end) {
        super(cin, cout, x -> (x.doubleValue() - start) / (end - start));
        if (start == end) {
            throw new IllegalArgumentException("start and end must differ: " + start);
        }
    }
}
