package org.loomcsp.builtins;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Writes {@code a << b}; a result that does not fit the type of {@code a} throws {@link
 * ArithmeticException} (use {@code BigInteger} for unbounded shifts): python-csp's {@code LShift(cin1, cin2, cout)}. {@code a} is an integer
 * ({@code Byte} to {@code BigInteger}) and the result has its type; {@code b} is a non-negative
 * integer.
 *
 * <p>Each step reads {@code cin1}, then {@code cin2}, and writes the result to {@code cout}.
 * Runs until poisoned; poison on any of its channels is passed on to the others (see {@link
 * BinaryProcess}).
 *
 * @param <N> the type of the value shifted
 */
public class LShift<N extends Number> extends BinaryProcess<N, Number, N> {

    /** Creates the process (not started): reads {@code cin1}, {@code cin2}, writes {@code cout}. */
    @SuppressWarnings("unchecked")
    public LShift(ChannelInput<? extends N> cin1, ChannelInput<? extends Number> cin2,
            ChannelOutput<? super N> cout) {
        super(cin1, cin2, cout, (a, b) -> (N) Numbers.lshift(a, b));
    }
}
