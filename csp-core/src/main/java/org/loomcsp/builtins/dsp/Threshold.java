package org.loomcsp.builtins.dsp;

import java.util.Objects;
import org.loomcsp.CSPServer;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Forwards only the values at or above a threshold: python-csp's {@code dsp.Threshold(thresh,
 * inchan, outchan)}, with the threshold moved last (inputs first, outputs last, then
 * parameters, as in every builtin). Runs until poisoned; poison on either channel is passed on to
 * the other.
 *
 * @param <N> the number type
 */
public class Threshold<N extends Number> extends CSPServer {

    /** Creates the process (not started): copies values {@code >= thresh} from {@code cin} to {@code cout}. */
    public Threshold(ChannelInput<? extends N> cin, ChannelOutput<? super N> cout, double thresh) {
        super(step(cin, cout, thresh), cin, cout);
    }

    private static <N extends Number> Step step(ChannelInput<? extends N> cin,
            ChannelOutput<? super N> cout, double thresh) {
        Objects.requireNonNull(cin, "cin");
        Objects.requireNonNull(cout, "cout");
        return () -> {
            N x = cin.read();
            if (x.doubleValue() >= thresh) {
                cout.write(x);
            }
            return true;
        };
    }
}
