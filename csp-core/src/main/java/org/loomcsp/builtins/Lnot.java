package org.loomcsp.builtins;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Writes Python's logical {@code not x}: {@code true} if {@code x} is false by Python's truth
 * rules (false, numeric zero, an empty string, collection, map, array or Optional): python-csp's
 * {@code Lnot(cin, cout)}.
 *
 * <p>Each step reads {@code cin} and writes the result to {@code cout}. Runs until poisoned;
 * poison on either channel is passed on to the other (see {@link UnaryProcess}).
 */
public class Lnot extends UnaryProcess<Object, Boolean> {

    /** Creates the process (not started): reads {@code cin}, writes {@code cout}. */
    public Lnot(ChannelInput<?> cin, ChannelOutput<? super Boolean> cout) {
        super(cin, cout, x -> !Numbers.truthy(x));
    }
}
