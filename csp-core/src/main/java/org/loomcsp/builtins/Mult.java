package org.loomcsp.builtins;

import java.util.Objects;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Scales its input: writes {@code x * scale}, python-csp's {@code Mult(cin, cout, scale)}.
 * (python-csp's {@code Multiply} is the binary {@link Mul}.) Arithmetic follows {@link Mul}.
 *
 * <p>Each step reads {@code cin} and writes the result to {@code cout}. Runs until poisoned;
 * poison on either channel is passed on to the other.
 *
 * @param <N> the number type
 */
public class Mult<N extends Number> extends UnaryProcess<N, N> {

    /** Creates the process (not started): reads {@code cin}, writes {@code cout}. */
    @SuppressWarnings("unchecked")
    public Mult(ChannelInput<? extends N> cin, ChannelOutput<? super N> cout, N scale) {
        super(cin, cout, scaleBy(scale));
    }

    @SuppressWarnings("unchecked")
    private static <N extends Number> java.util.function.Function<N, N> scaleBy(N scale) {
        Objects.requireNonNull(scale, "scale");
        return x -> (N) Numbers.mul(x, scale);
    }
}
