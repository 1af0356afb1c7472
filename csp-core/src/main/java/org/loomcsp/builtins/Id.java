package org.loomcsp.builtins;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Copies its input to its output: python-csp's {@code Id(cin, cout)}.
 *
 * <p>Each step reads {@code cin} and writes the value to {@code cout}. Runs until poisoned;
 * poison on either channel is passed on to the other.
 *
 * @param <T> the type of the values
 */
public class Id<T> extends UnaryProcess<T, T> {

    /** Creates the process (not started): reads {@code cin}, writes {@code cout}. */
    public Id(ChannelInput<? extends T> cin, ChannelOutput<? super T> cout) {
        super(cin, cout, x -> x);
    }
}
