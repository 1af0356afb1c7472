package org.loomcsp.builtins;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Writes the <em>bitwise</em> complement {@code ~x} ({@code 5 -> -6}), as python-csp's {@code
 * Not(cin, cout)} did; for a {@code Boolean}, its negation (Python would give {@code -2} for
 * {@code ~True}). For Python's logical {@code not} see {@link Lnot}.
 *
 * <p>Each step reads {@code cin} and writes the result to {@code cout}. Runs until poisoned;
 * poison on either channel is passed on to the other (see {@link UnaryProcess}).
 *
 * @param <T> an integer type ({@code Byte} to {@code BigInteger}) or {@code Boolean}
 */
public class Not<T> extends UnaryProcess<T, T> {

    /** Creates the process (not started): reads {@code cin}, writes {@code cout}. */
    @SuppressWarnings("unchecked")
    public Not(ChannelInput<? extends T> cin, ChannelOutput<? super T> cout) {
        super(cin, cout, x -> (T) Numbers.not(x));
    }
}
