package org.loomcsp.builtins;

import java.util.List;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Copies each input value to two outputs <em>in parallel</em>: occam's and JCSP's {@code
 * Delta2}, with python-csp's argument order {@code (cin, cout1, cout2)}. Neither reader waits for
 * the other (compare python-csp's sequential {@link Delta2}). A {@link Delta} with two outputs.
 *
 * @param <T> the type of the values
 */
public class ParDelta2<T> extends Delta<T> {

    /** Creates the process (not started): reads {@code cin}, writes {@code cout1} and {@code cout2} in parallel. */
    public ParDelta2(ChannelInput<? extends T> cin, ChannelOutput<? super T> cout1,
            ChannelOutput<? super T> cout2) {
        super(cin, List.of(cout1, cout2));
    }
}
