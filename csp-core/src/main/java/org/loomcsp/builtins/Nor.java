package org.loomcsp.builtins;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Writes bitwise {@code ~(a | b)}; for two Booleans, {@code !(a || b)}: python-csp's {@code Nor(cin1, cin2, cout)}.
 *
 * <p>Each step reads {@code cin1}, then {@code cin2}, and writes the result to {@code cout}.
 * Runs until poisoned; poison on any of its channels is passed on to the others (see {@link
 * BinaryProcess}).
 * Operands are integers ({@code Byte} to {@code BigInteger}) or {@code Boolean}s; two operands of
 * one type give that type, a Boolean mixed with a number counts as 0 or 1.
 *
 * @param <T> the type of the operands and the result
 */
public class Nor<T> extends BinaryProcess<T, T, T> {

    /** Creates the process (not started): reads {@code cin1}, {@code cin2}, writes {@code cout}. */
    @SuppressWarnings("unchecked")
    public Nor(ChannelInput<? extends T> cin1, ChannelInput<? extends T> cin2,
            ChannelOutput<? super T> cout) {
        super(cin1, cin2, cout, (a, b) -> (T) (Numbers.nor(a, b)));
    }
}
