package org.loomcsp.builtins;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Writes {@code -x}, of the same type as {@code x}: python-csp's {@code Neg(cin, cout)}.
 * Negating the most negative int or long throws {@link ArithmeticException}.
 *
 * <p>Each step reads {@code cin} and writes the result to {@code cout}. Runs until poisoned;
 * poison on either channel is passed on to the other (see {@link UnaryProcess}).
 *
 * @param <N> the number type
 */
public class Neg<N extends Number> extends UnaryProcess<N, N> {

    /** Creates the process (not started): reads {@code cin}, writes {@code cout}. */
    @SuppressWarnings("unchecked")
    public Neg(ChannelInput<? extends N> cin, ChannelOutput<? super N> cout) {
        super(cin, cout, x -> (N) Numbers.neg(x));
    }
}
