package org.loomcsp.builtins;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Writes logical exclusive or (Python truth): true when exactly one operand is true. python-csp computed {@code (a or b) and (not a and b)}, which is true only for (false, true); this is the real exclusive or, {@code [F, T, T, F]} over TT, TF, FT, FF: python-csp's {@code Lxor(cin1, cin2, cout)}.
 *
 * <p>Each step reads {@code cin1}, then {@code cin2}, and writes the result to {@code cout}.
 * Runs until poisoned; poison on any of its channels is passed on to the others (see {@link
 * BinaryProcess}).
 */
public class Lxor extends BinaryProcess<Object, Object, Boolean> {

    /** Creates the process (not started): reads {@code cin1}, {@code cin2}, writes {@code cout}. */
    public Lxor(ChannelInput<?> cin1, ChannelInput<?> cin2, ChannelOutput<? super Boolean> cout) {
        super(cin1, cin2, cout, (a, b) -> Numbers.truthy(a) != Numbers.truthy(b));
    }
}
