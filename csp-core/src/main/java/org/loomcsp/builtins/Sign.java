package org.loomcsp.builtins;

import java.util.Objects;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Labels its input: writes {@code prefix + String.valueOf(x)} ({@code "v=1"}), python-csp's
 * {@code Sign(cin, cout, prefix)}.
 *
 * <p>Each step reads {@code cin} and writes the result to {@code cout}. Runs until poisoned;
 * poison on either channel is passed on to the other.
 */
public class Sign extends UnaryProcess<Object, String> {

    /** Creates the process (not started): reads {@code cin}, writes {@code cout}. */
    public Sign(ChannelInput<?> cin, ChannelOutput<? super String> cout, String prefix) {
        super(cin, cout, labeller(prefix));
    }

    private static java.util.function.Function<Object, String> labeller(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return x -> prefix + x;
    }
}
