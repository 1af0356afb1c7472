package org.loomcsp.builtins;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Writes Python's {@code a and b}: {@code a} if it is false (Python truth), otherwise {@code b}. Like Python it returns an operand, not necessarily a Boolean: python-csp's {@code Land(cin1, cin2, cout)}.
 *
 * <p>Each step reads {@code cin1}, then {@code cin2}, and writes the result to {@code cout}.
 * Runs until poisoned; poison on any of its channels is passed on to the others (see {@link
 * BinaryProcess}).
 *
 * @param <T> the type of the operands and the result
 */
public class Land<T> extends BinaryProcess<T, T, T> {

    /** Creates the process (not started): reads {@code cin1}, {@code cin2}, writes {@code cout}. */
    @SuppressWarnings("unchecked")
    public Land(ChannelInput<? extends T> cin1, ChannelInput<? extends T> cin2,
            ChannelOutput<? super T> cout) {
        super(cin1, cin2, cout, (a, b) -> (T) (Numbers.truthy(a) ? b : a));
    }
}
