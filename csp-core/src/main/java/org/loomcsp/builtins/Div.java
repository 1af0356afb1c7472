package org.loomcsp.builtins;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Writes Python's true division {@code a / b}, always a {@code Double} ({@code 7, 2 -> 3.5}):
 * python-csp's {@code Div(cin1, cin2, cout)}. Integer division by zero throws {@link
 * ArithmeticException} (failing the process), as Python raised {@code ZeroDivisionError};
 * floating-point division by zero gives infinity or NaN as in Java. For integer division see
 * {@link FloorDiv}.
 *
 * <p>Each step reads {@code cin1}, then {@code cin2}, and writes the result to {@code cout}.
 * Runs until poisoned; poison on any of its channels is passed on to the others (see {@link
 * BinaryProcess}).
 */
public class Div extends BinaryProcess<Number, Number, Double> {

    /** Creates the process (not started): reads {@code cin1}, {@code cin2}, writes {@code cout}. */
    public Div(ChannelInput<? extends Number> cin1, ChannelInput<? extends Number> cin2,
            ChannelOutput<? super Double> cout) {
        super(cin1, cin2, cout, Numbers::trueDiv);
    }
}
