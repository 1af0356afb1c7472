package org.loomcsp.builtins;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Writes {@code a != b}: the negation of {@link Eq}: python-csp's {@code Ne(cin1, cin2, cout)}.
 *
 * <p>Each step reads {@code cin1}, then {@code cin2}, and writes the result to {@code cout}.
 * Runs until poisoned; poison on any of its channels is passed on to the others (see {@link
 * BinaryProcess}).
 */
public class Ne extends BinaryProcess<Object, Object, Boolean> {

    /** Creates the process (not started): reads {@code cin1}, {@code cin2}, writes {@code cout}. */
    public Ne(ChannelInput<?> cin1, ChannelInput<?> cin2, ChannelOutput<? super Boolean> cout) {
        super(cin1, cin2, cout, (a, b) -> !Numbers.equal(a, b));
    }
}
