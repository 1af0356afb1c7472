package org.loomcsp.builtins;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Writes {@code x - 1}, of the same type as {@code x}: python-csp's {@code Pred(cin, cout)}. Going
 * past the range of a fixed-width integer type (as from {@code Integer.MIN_VALUE}) throws {@link
 * ArithmeticException}, failing the process.
 *
 * <p>Each step reads {@code cin} and writes the result to {@code cout}. Runs until poisoned;
 * poison on either channel is passed on to the other.
 *
 * @param <N> the number type
 */
public class Pred<N extends Number> extends UnaryProcess<N, N> {

    /** Creates the process (not started): reads {@code cin}, writes {@code cout}. */
    @SuppressWarnings("unchecked")
    public Pred(ChannelInput<? extends N> cin, ChannelOutput<? super N> cout) {
        super(cin, cout, x -> (N) Numbers.pred(x));
    }
}
