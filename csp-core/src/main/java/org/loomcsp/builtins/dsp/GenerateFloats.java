package org.loomcsp.builtins.dsp;

import org.loomcsp.ChannelOutput;

/**
 * Writes {@code 0.0, 0.1, 0.2, ...} (each {@code k * 0.1}): python-csp's {@code
 * dsp.GenerateFloats(outchan)}, the fixed-step form of {@link
 * org.loomcsp.builtins.GenerateFloats}. Runs until its channel is poisoned.
 */
public class GenerateFloats extends org.loomcsp.builtins.GenerateFloats {

    /** Creates the process (not started): writes to {@code cout}. */
    public GenerateFloats(ChannelOutput<? super Double> cout) {
        super(cout, 0.1);
    }
}
