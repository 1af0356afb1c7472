package org.loomcsp.builtins.dsp;

import java.util.List;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;
import org.loomcsp.builtins.UnaryProcess;

/**
 * Writes the Euclidean norm of each input vector ({@code [3, 4] -> 5.0}): python-csp's {@code
 * dsp.Magnitude(inchan, outchan)}. Runs until poisoned; poison on either channel is passed on to
 * the other.
 */
public class Magnitude extends UnaryProcess<List<? extends Number>, Double> {

    /** The acceleration due to gravity in m/s², python-csp's {@code dsp.ACCEL_DUE_TO_GRAVITY}. */
    public static final double ACCEL_DUE_TO_GRAVITY = 9.80665;

    /** Creates the process (not started): reads vectors from {@code cin}, writes norms to {@code cout}. */
    public Magnitude(ChannelInput<? extends List<? extends Number>> cin,
            ChannelOutput<? super Double> cout) {
        super(cin, cout, Magnitude::norm);
    }

    private static double norm(List<? extends Number> v) {
        double sum = 0;
        for (Number x : v) {
            sum += x.doubleValue() * x.doubleValue();
        }
        return Math.sqrt(sum);
    }
}
