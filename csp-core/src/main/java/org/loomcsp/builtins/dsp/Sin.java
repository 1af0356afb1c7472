package org.loomcsp.builtins.dsp;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Writes {@code Math.sin(x)} (radians): python-csp's {@code dsp.Sin(inchan, outchan)}, the same
 * process as {@link org.loomcsp.builtins.Sin} (python-csp has it in both modules; one
 * implementation here). Runs until poisoned; poison on either channel is passed on to the other.
 */
public class Sin extends org.loomcsp.builtins.Sin {

    /** Creates the process (not started): reads {@code cin}, writes {@code cout}. */
    public Sin(ChannelInput<? extends Number> cin, ChannelOutput<? super Double> cout) {
        super(cin, cout);
    }
}
