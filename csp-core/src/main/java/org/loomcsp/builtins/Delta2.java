package org.loomcsp.builtins;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * python-csp's alias {@code Delta2 = Splitter}: exactly a {@link Splitter}, which writes its two
 * outputs <em>sequentially</em> (first {@code cout1}, then {@code cout2}). For occam's and JCSP's
 * parallel delta use {@link ParDelta2}.
 *
 * @param <T> the type of the values
 */
public class Delta2<T> extends Splitter<T> {

    /** Creates the process (not started): reads {@code cin}, writes {@code cout1} then {@code cout2}. */
    public Delta2(ChannelInput<? extends T> cin, ChannelOutput<? super T> cout1,
            ChannelOutput<? super T> cout2) {
        super(cin, cout1, cout2);
    }
}
