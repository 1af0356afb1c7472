package org.loomcsp.builtins;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Writes Python's floor division {@code a // b} (rounds towards negative infinity: {@code 7, 2 -> 3}, {@code -7, 2 -> -4}): python-csp's {@code FloorDiv(cin1, cin2, cout)}.
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
public class FloorDiv<N extends Number> extends BinaryProcess<N, N, N> {

    /** Creates the process (not started): reads {@code cin1}, {@code cin2}, writes {@code cout}. */
    @SuppressWarnings("unchecked")
    public FloorDiv(ChannelInput<? extends N> cin1, ChannelInput<? extends N> cin2,
            ChannelOutput<? super N> cout) {
        super(cin1, cin2, cout, (a, b) -> (N) Numbers.floorDiv(a, b));
    }
}
