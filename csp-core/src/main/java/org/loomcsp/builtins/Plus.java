package org.loomcsp.builtins;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Writes {@code a + b}: python-csp's {@code Plus(cin1, cin2, cout)}.
 *
 * <p>Each step reads {@code cin1}, then {@code cin2}, and writes the result to {@code cout}.
 * Runs until poisoned; poison on any of its channels is passed on to the others (see {@link
 * BinaryProcess}).
 * Arithmetic follows {@link Numbers}: operands of one type give that type ({@code Integer} in,
 * {@code Integer} out), mixed types promote as in Python, and integer overflow throws
 * {@link ArithmeticException} (failing the process) instead of wrapping.
 *
 * @param <N> the number type
 */
public class Plus<N extends Number> extends BinaryProcess<N, N, N> {

    /** Creates the process (not started): reads {@code cin1}, {@code cin2}, writes {@code cout}. */
    @SuppressWarnings("unchecked")
    public Plus(ChannelInput<? extends N> cin1, ChannelInput<? extends N> cin2,
            ChannelOutput<? super N> cout) {
        super(cin1, cin2, cout, (a, b) -> (N) Numbers.add(a, b));
    }
}
